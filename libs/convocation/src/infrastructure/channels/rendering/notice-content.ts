import type { Notice, NoticeAppointment, NoticeRecipient, PostalAddress } from '../../../domain/notice';
import { frenchDateTime, frenchDuration } from './french-dates';

/**
 * What a letter or an email says, channel-neutral: built by one wording per notice kind, laid out
 * by the letter (PDF) and the email renderers. Plain French: short sentences, one idea each.
 */
export interface NoticeContent {
  subject: string;
  /** "Madame,", "Monsieur,", "Madame, Monsieur,". */
  salutation: string;
  /** The message itself, before the appointment's details. */
  lead: string[];
  appointment: AppointmentBlock | null;
  /** Heading, then the items to bring; null when there is nothing to bring. */
  bring: { heading: string; items: string[] } | null;
  /** The mandatory-attendance mention, when it applies. */
  mandatory: string[] | null;
  /** Whom to call and when: to move the appointment, book one, ask a question. */
  contact: string[];
  closing: string[];
  /** The Maison Nord Emploi that signs, then the Département. */
  signature: string[];
}

export interface AppointmentBlock {
  heading: string;
  /** Label and value, e.g. ["Date", "mardi 8 décembre 2026 à 9 h 30"]; a value may span lines. */
  rows: Array<[label: string, lines: string[]]>;
}

/** "Madame," / "Monsieur," / "Madame, Monsieur," when the CAF gives no civility. */
export function salutationOf(recipient: NoticeRecipient): string {
  if (recipient.civility === 'Mme') return 'Madame,';
  if (recipient.civility === 'M.') return 'Monsieur,';
  return 'Madame, Monsieur,';
}

/** A past participle agreed with the civility: "convoquée", "convoqué", "convoqué(e)". */
export function agreed(recipient: NoticeRecipient, participle: string): string {
  if (recipient.civility === 'Mme') return `${participle}e`;
  if (recipient.civility === 'M.') return participle;
  return `${participle}(e)`;
}

/** CAF names are upper case: "JEAN-PIERRE" → "Jean-Pierre"; a name in mixed case is kept. */
export function displayName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}

export function postcodeLine(address: PostalAddress): string {
  return `${address.postcode} ${address.city}`.trim();
}

/** "C'est un rendez-vous individuel. Il dure environ 1 heure." */
export function receptionSentence(appointment: NoticeAppointment): string {
  const duration = frenchDuration(appointment.durationMinutes);
  return appointment.reception === 'collective'
    ? `C'est une réunion en groupe. Elle dure environ ${duration}.`
    : `C'est un rendez-vous individuel. Il dure environ ${duration}.`;
}

/** The appointment, as a block of labelled rows. */
export function appointmentBlock(heading: string, appointment: NoticeAppointment): AppointmentBlock {
  const place = appointment.placeAddress;
  const rows: AppointmentBlock['rows'] = [
    ['Date', [frenchDateTime(appointment.startsAt)]],
    ['Lieu', [appointment.placeName, ...place.lines.filter((line) => line.trim() !== ''), postcodeLine(place)]],
  ];
  if (appointment.accessInformation) rows.push(['Accès', [appointment.accessInformation]]);
  return { heading, rows };
}

export function bringBlock(notice: Notice, heading = 'Apportez :'): NoticeContent['bring'] {
  const items = notice.bring.map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? { heading, items } : null;
}

/** "du lundi au vendredi, de 9 h à 17 h" → "03 20 00 00 00 (du lundi au vendredi, de 9 h à 17 h)". */
export function phoneWithHours(notice: Notice): string {
  const hours = notice.contact.hours.trim();
  return hours ? `${notice.contact.phone} (${hours})` : notice.contact.phone;
}

/** How to move a convened appointment. */
export function rescheduleContact(notice: Notice): string[] {
  return [
    'Vous ne pouvez pas venir ? Prévenez-nous avant le rendez-vous.',
    `Appelez le ${phoneWithHours(notice)}. Nous vous donnerons un autre rendez-vous.`,
  ];
}

/**
 * Rights and duties of the RSA (CASF L.262-28): attending is one of them, and an absence without a
 * valid reason may lead to a review of the right. Printed on convocations when the notice says so.
 */
export function mandatoryMention(notice: Notice): string[] | null {
  if (!notice.mandatory) return null;
  return [
    'Votre présence est obligatoire.',
    "Ce rendez-vous fait partie de vos droits et devoirs liés au RSA (article L.262-28 du code de l'action sociale et des familles).",
    'Si vous ne venez pas sans motif valable, votre droit au RSA peut être réexaminé.',
  ];
}

export function signatureOf(notice: Notice): string[] {
  return [notice.territoryName, 'Département du Nord'];
}

import type { SqlRunner } from '@rsa/platform';
import type { Notice, NoticeKind, PostalAddress } from '../domain/notice';
import { ACTIVE_APPOINTMENT_STATUSES, PURPOSE, type AppointmentKind } from '../domain/appointment';
import { humanContactJoin } from './convocation-sql';

/** A message with everything needed to decide whether to send it and to say it. */
export interface LoadedMessage {
  id: string;
  dedupeKey: string;
  channel: 'letter' | 'email' | 'sms';
  kind: NoticeKind;
  personId: string;
  pathId: string;
  territoryId: string | null;
  dueAt: Date;
  notAfter: Date | null;
  attempts: number;
  appointmentId: string | null;
  /** The message was written for this version of the appointment. */
  appointmentVersion: number | null;
  appointment: { status: string; version: number; startsAt: Date; kind: AppointmentKind; durationMinutes: number; reception: 'individual' | 'collective' } | null;
  place: { name: string; address: PostalAddress; accessInformation: string | null } | null;
  contactLine: { phone: string; hours: string } | null;
  territoryName: string | null;
  trackState: string | null;
  anonymised: boolean;
  recipient: Notice['recipient'];
  email: string | null;
  emailConsent: boolean;
  phone: string | null;
  smsConsent: boolean;
  context: { relanceNumber?: number; bookBy?: string; previousStartsAt?: string };
}

interface Row {
  id: string;
  dedupe_key: string;
  channel: LoadedMessage['channel'];
  kind: NoticeKind;
  person_id: string;
  path_id: string;
  due_at: Date;
  not_after: Date | null;
  attempts: number;
  appointment_id: string | null;
  appointment_version: number | null;
  context: LoadedMessage['context'];
  qual: string | null;
  prenom: string;
  nom: string;
  anonymised: boolean;
  address: Record<string, string | null> | null;
  email: string | null;
  email_consent: boolean | null;
  phone: string | null;
  sms_consent: boolean | null;
  a_status: string | null;
  a_version: number | null;
  a_starts_at: Date | null;
  a_kind: AppointmentKind | null;
  duration_minutes: number | null;
  reception: 'individual' | 'collective' | null;
  place_name: string | null;
  address_lines: string[] | null;
  postcode: string | null;
  city: string | null;
  access_information: string | null;
  contact_phone: string | null;
  contact_hours: string | null;
  territory_id: string | null;
  territory_name: string | null;
  track_state: string | null;
}

/**
 * Reads a message and what its notice needs, across contexts by SQL: the person and the current
 * address of their path's dossier, their contact and consent (beneficiary), the appointment, its
 * slot and place (this context), the territory's name (access). The contact is read at send time:
 * a withdrawn consent or a corrected number applies to messages already planned.
 */
export async function loadMessages(runner: SqlRunner, ids: readonly string[]): Promise<LoadedMessage[]> {
  if (ids.length === 0) return [];
  const rows = await runner.query<Row>(
    `SELECT m.id, m.dedupe_key, m.channel, m.kind, m.person_id, m.path_id, m.due_at, m.not_after, m.attempts, m.appointment_id, m.appointment_version, m.context,
            pe.qual, pe.prenom, pe.nom, pe.anonymised_at IS NOT NULL AS anonymised,
            (SELECT a FROM jsonb_array_elements(d.addresses) a WHERE ltrim(a->>'rgadr', '0') = '1' LIMIT 1) AS address,
            c.email, c.email_consent, c.phone, c.sms_consent,
            ap.status AS a_status, ap.version AS a_version, ap.starts_at AS a_starts_at, ap.kind AS a_kind, s.duration_minutes, s.reception,
            pl.name AS place_name, pl.address_lines, pl.postcode, pl.city, pl.access_information,
            COALESCE(pl.contact_phone, tp.contact_phone) AS contact_phone, COALESCE(pl.contact_hours, tp.contact_hours) AS contact_hours,
            tk.territory_id, tr.name AS territory_name, tk.state AS track_state
       FROM notification_message m
       JOIN beneficiary_path p ON p.id = m.path_id
       JOIN beneficiary_person pe ON pe.id = m.person_id
       JOIN beneficiary_dossier d ON d.id = p.dossier_id
       ${humanContactJoin('m.person_id')}
       LEFT JOIN convocation_appointment ap ON ap.id = m.appointment_id
       LEFT JOIN convocation_slot s ON s.id = ap.slot_id
       LEFT JOIN convocation_place pl ON pl.id = ap.place_id
       LEFT JOIN convocation_track tk ON tk.path_id = m.path_id
       LEFT JOIN access_territory tr ON tr.id = tk.territory_id
       LEFT JOIN LATERAL (SELECT contact_phone, contact_hours FROM convocation_place WHERE territory_id = tk.territory_id AND active ORDER BY created_at, id LIMIT 1) tp ON TRUE
      WHERE m.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map(toLoaded);
}

function toLoaded(r: Row): LoadedMessage {
  return {
    id: r.id,
    dedupeKey: r.dedupe_key,
    channel: r.channel,
    kind: r.kind,
    personId: r.person_id,
    pathId: r.path_id,
    territoryId: r.territory_id,
    dueAt: new Date(r.due_at),
    notAfter: r.not_after ? new Date(r.not_after) : null,
    attempts: r.attempts,
    appointmentId: r.appointment_id,
    appointmentVersion: r.appointment_version,
    appointment:
      r.a_status && r.a_starts_at && r.a_kind
        ? { status: r.a_status, version: r.a_version as number, startsAt: new Date(r.a_starts_at), kind: r.a_kind, durationMinutes: r.duration_minutes ?? 60, reception: r.reception ?? 'individual' }
        : null,
    place: r.place_name ? { name: r.place_name, address: { lines: r.address_lines ?? [], postcode: r.postcode ?? '', city: r.city ?? '' }, accessInformation: r.access_information } : null,
    contactLine: r.contact_phone ? { phone: r.contact_phone, hours: r.contact_hours ?? '' } : null,
    territoryName: r.territory_name,
    trackState: r.track_state,
    anonymised: r.anonymised,
    recipient: { civility: civilityOf(r.qual), firstName: titleCase(r.prenom), lastName: r.nom, address: postalAddressOf(r.address) },
    email: r.email,
    emailConsent: r.email_consent === true,
    phone: r.phone,
    smsConsent: r.sms_consent === true,
    context: r.context ?? {},
  };
}

function civilityOf(qual: string | null): 'M.' | 'Mme' | null {
  if (qual === 'MR') return 'M.';
  if (qual === 'MME' || qual === 'MLE') return 'Mme';
  return null;
}

/** CAF names are upper case; a letter says "Camille", not "CAMILLE". */
function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** The CAF address (CAF-FORMAT Adresse) as the lines of an envelope; null when unusable. */
function postalAddressOf(address: Record<string, string | null> | null): PostalAddress | null {
  if (!address || !address.codepos || !address.nomcom) return null;
  const street = [address.numvoie, address.libtypevoie, address.nomvoie].filter(Boolean).join(' ');
  const lines = [address.complideadr, address.compladr, street, address.lieudist].filter((l): l is string => Boolean(l && l.trim()));
  if (lines.length === 0) return null;
  return { lines, postcode: address.codepos, city: address.nomcom };
}

/** Still worth sending? The answer is a status for the message, or null to send it. */
export function staleness(m: LoadedMessage, now: Date): { status: 'cancelled' | 'skipped'; outcome: string } | null {
  if (m.anonymised) return { status: 'skipped', outcome: 'anonymised' };
  if (m.notAfter && now.getTime() >= m.notAfter.getTime()) return { status: 'skipped', outcome: 'too-late' };
  if (m.appointmentId && m.kind === 'cancelled') {
    // Telling someone their appointment is off: worth sending only while it is.
    if (m.appointment?.status !== 'cancelled') return { status: 'cancelled', outcome: 'appointment-not-cancelled' };
  } else if (m.appointmentId) {
    if (!m.appointment || !ACTIVE_APPOINTMENT_STATUSES.includes(m.appointment.status as never)) return { status: 'cancelled', outcome: 'appointment-ended' };
    if (m.appointment.version !== m.appointmentVersion) return { status: 'cancelled', outcome: 'appointment-moved' };
  } else if ((m.kind === 'invitation' || m.kind === 'invitation-reminder') && m.trackState !== 'invited') {
    return { status: 'skipped', outcome: 'invitation-answered' };
  }
  // Every letter says whom to call; a territory with no place to name has nothing to say yet.
  if (!m.contactLine) return { status: 'skipped', outcome: 'no-contact-line' };
  if (m.channel === 'email' && !(m.email && m.emailConsent)) return { status: 'skipped', outcome: 'no-email-consent' };
  if (m.channel === 'sms' && !(m.phone && m.smsConsent)) return { status: 'skipped', outcome: 'no-sms-consent' };
  return null;
}

/** What the message says, dated the day it is issued. */
export function noticeOf(m: LoadedMessage, issuedOn: string): Notice {
  const a = m.appointment;
  return {
    messageKey: m.dedupeKey,
    kind: m.kind,
    issuedOn,
    territoryName: m.territoryName ?? 'Département du Nord',
    recipient: m.recipient,
    appointment:
      a && m.place
        ? {
            startsAt: a.startsAt,
            durationMinutes: a.durationMinutes,
            reception: a.reception,
            purpose: PURPOSE[a.kind],
            placeName: m.place.name,
            placeAddress: m.place.address,
            accessInformation: m.place.accessInformation,
          }
        : null,
    previousStartsAt: m.context.previousStartsAt ? new Date(m.context.previousStartsAt) : null,
    bookBy: m.context.bookBy ?? null,
    relanceNumber: m.context.relanceNumber ?? null,
    contact: m.contactLine as { phone: string; hours: string },
    bring: ["Votre pièce d'identité", "Votre dernière attestation de la CAF, si vous l'avez"],
    mandatory: m.kind === 'convocation' || m.kind === 'relance' || m.kind === 'moved' || m.kind === 'reminder',
  };
}

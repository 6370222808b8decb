import type { Notice, NoticeAppointment } from '../../../../domain/notice';
import { compactTime, frenchDate, frenchDay } from '../french-dates';
import { displayName } from '../notice-content';
import type { SmsTerseness } from './notice-wording';

/**
 * Pieces of an SMS. An SMS names the person by first name at most and the place by its name and
 * street at most: a phone screen may be read by anyone nearby.
 */
function cut(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max + 1);
  // Cut at a word (or a hyphenated name's part) when one ends past the middle.
  const boundary = Math.max(head.lastIndexOf(' '), head.lastIndexOf('-'));
  return (boundary > max / 2 ? head.slice(0, boundary) : head.slice(0, max)).replace(/[\s,.;:(\-–—]+$/, '');
}

/** "Bonjour Marie," (the first given name only, at most 20 characters). */
export function smsGreeting(notice: Notice): string {
  const firstName = cut(displayName(notice.recipient.firstName).split(' ')[0] ?? '', 20);
  return firstName ? `Bonjour ${firstName},` : 'Bonjour,';
}

/** "mardi 8 décembre 2026 à 9h30", then without the year. */
export function smsWhen(instant: Date, terseness: SmsTerseness): string {
  return `${frenchDate(instant, { year: terseness < 3 })} à ${compactTime(instant)}`;
}

export function smsDay(isoDay: string, terseness: SmsTerseness): string {
  return frenchDay(isoDay, { year: terseness < 3 });
}

/** The street: the address line with a number in it, else the first line. */
function streetOf(appointment: NoticeAppointment): string | null {
  const lines = appointment.placeAddress.lines.map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^\d/.test(line)) ?? lines[0] ?? null;
}

/** "Maison Nord Emploi Roubaix, 12 rue de la Gare", then the name alone, then the name cut short. */
export function smsPlace(appointment: NoticeAppointment, terseness: SmsTerseness): string {
  const name = cut(appointment.placeName, terseness >= 4 ? 40 : 80);
  const street = terseness < 3 ? streetOf(appointment) : null;
  return street ? `${name}, ${cut(street, 60)}` : name;
}

/** " Apportez : votre pièce d'identité, votre attestation CAF." while there is room for it. */
export function smsBring(notice: Notice, terseness: SmsTerseness): string {
  const items = notice.bring
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => item.charAt(0).toLowerCase() + item.slice(1));
  return terseness === 0 && items.length > 0 ? ` Apportez : ${items.join(', ')}.` : '';
}

/** " Pour changer de date : 03 20 00 00 00 (du lundi au vendredi…)." */
export function smsReschedule(notice: Notice, terseness: SmsTerseness): string {
  return ` Pour changer de date : ${smsPhone(notice, terseness)}.`;
}

/** "03 20 00 00 00 (du lundi au vendredi, de 9 h à 17 h)", the hours while there is room for them. */
export function smsPhone(notice: Notice, terseness: SmsTerseness): string {
  const phone = cut(notice.contact.phone, 25);
  const hours = notice.contact.hours.trim();
  return terseness < 2 && hours ? `${phone} (${cut(hours, 60)})` : phone;
}

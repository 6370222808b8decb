/**
 * Dates as a French letter writes them: "mardi 8 décembre 2026 à 9 h 30", "1er décembre 2026".
 * Appointments are instants and are shown in Europe/Paris (the person's wall clock, summer time
 * included); issue and booking dates are already Paris calendar days (YYYY-MM-DD).
 */
export const NOTICE_TIME_ZONE = 'Europe/Paris';

export interface DateWording {
  /** "mardi" first (default true). */
  weekday?: boolean;
  /** "2026" last (default true). */
  year?: boolean;
}

const partsFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: NOTICE_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A calendar day is printed as is: formatted at noon UTC in UTC, it cannot slip to another day. */
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

type Parts = Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string>;

function partsOf(format: Intl.DateTimeFormat, instant: Date): Parts {
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return parts as Parts;
}

function dateOf(parts: Parts, wording: DateWording): string {
  // French writes the first day of a month as an ordinal: "1er décembre".
  const day = parts.day === '1' ? '1er' : parts.day;
  const words = [wording.weekday === false ? null : parts.weekday, day, parts.month, wording.year === false ? null : parts.year];
  return words.filter(Boolean).join(' ');
}

/** "mardi 8 décembre 2026" (Paris day of the instant). */
export function frenchDate(instant: Date, wording: DateWording = {}): string {
  return dateOf(partsOf(partsFormat, instant), wording);
}

/** "9 h 30", "14 h" (Paris wall clock). */
export function frenchTime(instant: Date): string {
  const { hour, minute } = partsOf(partsFormat, instant);
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

/** "9h30", "14h": the compact form an SMS affords. */
export function compactTime(instant: Date): string {
  return frenchTime(instant).replace(/ /g, '');
}

/** "mardi 8 décembre 2026 à 9 h 30". */
export function frenchDateTime(instant: Date, wording: DateWording = {}): string {
  return `${frenchDate(instant, wording)} à ${frenchTime(instant)}`;
}

/** A Paris calendar day (YYYY-MM-DD) in words: "mardi 15 décembre 2026". */
export function frenchDay(isoDay: string, wording: DateWording = {}): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new RangeError(`not a calendar day: ${isoDay}`);
  return dateOf(partsOf(dayFormat, new Date(`${isoDay}T12:00:00Z`)), wording);
}

/** "45 minutes", "1 heure", "1 heure 30", "2 heures". */
export function frenchDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} minutes`;
  const hourWord = `${hours} heure${hours > 1 ? 's' : ''}`;
  return rest === 0 ? hourWord : `${hourWord} ${String(rest).padStart(2, '0')}`;
}

/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings, in UTC days so that no time zone or clock can
 * change the output. Everything the files carry is a plain date.
 */

const DAY_MS = 86_400_000;

export type IsoDate = string;

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toDays(date: IsoDate): number {
  const [y, m, d] = splitDate(date);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDays(days: number): IsoDate {
  const dt = new Date(days * DAY_MS);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function splitDate(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** True for a well-formed date that exists in the calendar (rejects 2023-02-30). */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = splitDate(date);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDays(toDays(date) + days);
}

/** Same day `months` later, clamped to the end of the target month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = splitDate(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01`;
}

export function lastOfMonth(date: IsoDate): IsoDate {
  const [y, m] = splitDate(date);
  return isoDate(y, m, daysInMonth(y, m));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (toDays(date) + 4) % 7;
}

/** Whole years between two dates (age on `at` of someone born on `birth`). */
export function yearsBetween(birth: IsoDate, at: IsoDate): number {
  const [by, bm, bd] = splitDate(birth);
  const [ay, am, ad] = splitDate(at);
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

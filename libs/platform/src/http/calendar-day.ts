import { applyDecorators } from '@nestjs/common';
import { isISO8601, IsISO8601, Matches, ValidateBy } from 'class-validator';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The years a day or a moment given to the API may fall in. Nothing this product records is
 * older than a birth in 1900 or later than a contract's end in 2199; beyond that, a day is a typing
 * slip (`9999-12-31`), and the arithmetic on it (a week after it, the holidays of its year) would
 * leave the four-digit years and fail as a server error instead of a refusal.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/**
 * The year of a value that starts `YYYY-`; any other shape fails too (a shape check beside says
 * which is wanted). A value not given is the other checks' to report (required, or optional).
 */
function yearInRange(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string' || !/^\d{4}-/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** The years check, shared by IsCalendarDay and IsInstant. */
export const InYearRange = (): PropertyDecorator =>
  ValidateBy({ name: 'inYearRange', validator: { validate: yearInRange, defaultMessage: () => `$property must fall between ${FIRST_YEAR} and ${LAST_YEAR}` } });

/**
 * A calendar day in a request body or query: `YYYY-MM-DD`, a day that exists (no 31 April), in the
 * years above. The one check every DTO uses for days.
 */
export const IsCalendarDay = (): PropertyDecorator =>
  applyDecorators(Matches(DAY, { message: '$property must be a day, YYYY-MM-DD' }), IsISO8601({ strict: true }), InYearRange());

/** The same test as a function, for a day that comes as a value (a rectification's birth date). */
export function isCalendarDay(value: string): boolean {
  return DAY.test(value) && isISO8601(value, { strict: true }) && yearInRange(value);
}

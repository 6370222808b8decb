import { applyDecorators } from '@nestjs/common';
import { isISO8601, IsISO8601, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day in a request body or query: `YYYY-MM-DD`, and a day that exists (no 31 April).
 * The one check every DTO uses for days.
 */
export const IsCalendarDay = (): PropertyDecorator => applyDecorators(Matches(DAY, { message: '$property must be a day, YYYY-MM-DD' }), IsISO8601({ strict: true }));

/** The same test as a function, for a day that comes as a value (a rectification's birth date). */
export function isCalendarDay(value: string): boolean {
  return DAY.test(value) && isISO8601(value, { strict: true });
}

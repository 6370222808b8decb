import { applyDecorators } from '@nestjs/common';
import { Matches, ValidateBy } from 'class-validator';

/** RFC 3339: a day, a time to the minute or finer, and an offset (`Z`, `+01:00`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment in a request body: `2026-12-23T10:00:00+01:00`, always with its offset. Without one,
 * `10:00` would be read as UTC (11:00 in Paris in winter), and a day alone as midnight UTC; ISO 8601's
 * basic and week forms (`20261204T100000Z`, `2026-W49-5`) are refused rather than misread. The value
 * must also be a real moment (no 30 February, no 25:00).
 */
export const IsInstant = (): PropertyDecorator =>
  applyDecorators(
    Matches(INSTANT, { message: '$property must be a date and time with its offset, e.g. 2026-12-23T10:00:00+01:00' }),
    ValidateBy({
      name: 'isRealInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && INSTANT.test(value) && realInstant(value),
        defaultMessage: () => '$property is not a real date and time',
      },
    }),
  );

function realInstant(value: string): boolean {
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  const [hh, mm] = [Number(value.slice(11, 13)), Number(value.slice(14, 16))];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && hh <= 23 && mm <= 59 && !Number.isNaN(Date.parse(value));
}

import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { DAY, InYearRange } from './calendar-day';

/** RFC 3339: a day, a time to the minute or finer, and an offset (`Z`, `+01:00`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment in a request body: `2026-12-23T10:00:00+01:00`, always with its offset. Without one,
 * `10:00` would be read as UTC (11:00 in Paris in winter), and a day alone as midnight UTC; ISO 8601's
 * basic and week forms (`20261204T100000Z`, `2026-W49-5`) are refused rather than misread. As
 * IsCalendarDay does for days, the strict ISO check refuses what does not exist (30 February, 25:00),
 * and a moment outside the years a day may fall in is refused too.
 */
export const IsInstant = (): PropertyDecorator =>
  applyDecorators(Matches(INSTANT, { message: '$property must be a date and time with its offset, e.g. 2026-12-23T10:00:00+01:00' }), IsISO8601({ strict: true }), InYearRange());

/**
 * A day or a moment, in a query that takes either (the audit trail's `from`/`to`): `YYYY-MM-DD`, or
 * RFC 3339 with its offset, as IsCalendarDay and IsInstant check them; ISO 8601's basic, week and
 * ordinal forms (`20261204`, `2026-W49`, `2026-338`) are refused, not misread.
 */
export const IsDayOrInstant = (): PropertyDecorator =>
  applyDecorators(
    Matches(new RegExp(`${DAY.source}|${INSTANT.source}`), { message: '$property must be a day (YYYY-MM-DD) or a date and time with its offset' }),
    IsISO8601({ strict: true }),
    InYearRange(),
  );

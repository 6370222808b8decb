import Holidays from 'date-holidays';

/**
 * French working days (Monday to Friday, not a public holiday) in the calendar of metropolitan
 * France, from `date-holidays` (maintained, computes Easter-based holidays). Dates are ISO days
 * (`YYYY-MM-DD`) of the Paris calendar. DOMAIN.md §2.5: "5 jours ouvrés maximum".
 */
const holidays = new Holidays('FR');
const cache = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let days = cache.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    cache.set(year, days);
  }
  return days;
}

/** Day of week of an ISO day, 0 = Sunday. */
function weekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isPublicHoliday(day: string): boolean {
  return publicHolidays(Number(day.slice(0, 4))).has(day);
}

export function isWorkingDay(day: string): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !isPublicHoliday(day);
}

/** `n` working days after `day` (n > 0), or before it (n < 0); `day` itself is not counted. */
export function addWorkingDays(day: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let current = day;
  for (let left = Math.abs(n); left > 0; ) {
    current = addDays(current, step);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** `day` if it is a working day, else the working day before it. */
export function workingDayOnOrBefore(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  return current;
}

/** `day` if it is a working day, else the working day after it. */
export function workingDayOnOrAfter(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

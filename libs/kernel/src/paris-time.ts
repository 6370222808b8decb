/**
 * CAF headers give a local French date and time (DTCREAFLUX, HEUCREAFLUX) without offset. This turns
 * such a wall-clock time in Europe/Paris into an instant, so files order correctly across DST changes.
 */
const parisFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parisOffsetMs(instant: number): number {
  const parts = Object.fromEntries(parisFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `2026-11-05` + `01:18:36.000000` (Paris wall clock) -> the instant. */
export function parisWallClockToDate(isoDate: string, time: string): Date {
  const [hh, mm, rest] = time.split(':');
  const [ss, fraction = '0'] = rest.split('.');
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  const [y, m, d] = isoDate.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d, Number(hh), Number(mm), Number(ss), ms);
  // Two passes: the offset at the naive instant may differ from the one at the real instant near a DST change.
  const first = naive - parisOffsetMs(naive);
  return new Date(naive - parisOffsetMs(first));
}

const parisCalendar = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) of an instant in Europe/Paris: business dates are days there. */
export function parisDateOf(instant: Date = new Date()): string {
  return parisCalendar.format(instant);
}

const parisClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });

/** The Paris wall-clock time (HH:MM) of an instant. */
export function parisTimeOf(instant: Date): string {
  return parisClock.format(instant);
}

/** The instant of a Paris day and wall-clock time (`2026-12-08`, `09:30`). */
export function parisInstant(day: string, time: string): Date {
  return parisWallClockToDate(day, time.length === 5 ? `${time}:00` : time);
}

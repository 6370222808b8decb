import { addMonths, daysInMonth, firstOfMonth, isoDate, isRealDate, lastOfMonth, weekday } from './calendar';
import { clockTime } from './formats';
import type { FileKind } from './model';
import { Rng, type Seed } from './prng';

/** `IdentificationFlux` values, as written. */
export interface GenHeader {
  applieme: string;
  numversionapplieme: string;
  typeflux: string;
  natflux: string;
  dtcreaflux: string;
  heucreaflux: string;
  dtref: string;
}

export const TYPEFLUX_BY_KIND: Readonly<Record<FileKind, string>> = { daily: 'I', monthly: 'M', reprise: 'R' };

/**
 * The day the household content describes when none is given: drawn from the seed and the kind
 * only (a month of 2023–2025; for a daily file a working day of it). Never from the header date,
 * so that the same content can be re-sent under a new header.
 */
export function defaultReferenceDate(seed: Seed, kind: FileKind): string {
  const rng = Rng.of(seed, 'calendar', kind);
  const month = rng.int(0, 35);
  const start = isoDate(2023 + Math.floor(month / 12), (month % 12) + 1, 1);
  if (kind !== 'daily') return lastOfMonth(start);
  const dim = daysInMonth(Number(start.slice(0, 4)), Number(start.slice(5, 7)));
  let day = rng.int(1, dim);
  while (weekday(`${start.slice(0, 8)}${String(day).padStart(2, '0')}`) % 6 === 0) day = (day % dim) + 1;
  return `${start.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** Monthly and reprise content describes a whole month: any day of it stands for its last day. */
export function normaliseReferenceDate(kind: FileKind, date: string): string {
  return kind === 'daily' ? date : lastOfMonth(date);
}

export interface HeaderOptions {
  /** DTCREAFLUX (YYYY-MM-DD). Default: DTREF for daily files, the 3rd–6th of the next month otherwise. */
  date?: string;
  /** HEUCREAFLUX, e.g. `01:18:36.0000`. Default: at night for monthly files, in the evening for daily ones. */
  time?: string;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$/;

export function buildHeader(seed: Seed, kind: FileKind, referenceDate: string, options: HeaderOptions = {}): GenHeader {
  const rng = Rng.of(seed, 'header', kind);
  if (options.date !== undefined && !isRealDate(options.date)) throw new RangeError(`date must be a real YYYY-MM-DD date, got "${options.date}"`);
  if (options.time !== undefined && !TIME_PATTERN.test(options.time)) throw new RangeError(`time must look like HH:MM:SS.ffff, got "${options.time}"`);
  const creationDay = rng.int(3, 6);
  const dtcreaflux = options.date ?? (kind === 'daily' ? referenceDate : addMonths(firstOfMonth(referenceDate), 1).slice(0, 8) + `0${creationDay}`);
  const defaultSeconds = kind === 'daily' ? rng.int(19 * 3600, 23 * 3600 + 1800) : rng.int(1800, 4 * 3600 + 1800);
  return {
    applieme: 'CRI',
    numversionapplieme: '6200',
    typeflux: TYPEFLUX_BY_KIND[kind],
    natflux: 'D',
    dtcreaflux,
    heucreaflux: options.time ?? clockTime(defaultSeconds),
    // Daily: DTREF = DTCREAFLUX; monthly/reprise: last day of the month before the creation date.
    dtref: kind === 'daily' ? dtcreaflux : lastOfMonth(addMonths(firstOfMonth(dtcreaflux), -1)),
  };
}

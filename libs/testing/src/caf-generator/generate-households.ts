import { isRealDate } from './calendar';
import { defaultReferenceDate, normaliseReferenceDate } from './header';
import { buildHousehold } from './household-builder';
import { DossierNumbers, NirAllocator } from './identifiers';
import type { FileKind, GenHousehold } from './model';
import type { Seed } from './prng';

export interface GenerateHouseholdsOptions {
  /** Default `monthly`. */
  kind?: FileKind;
  /**
   * Day the content describes (daily: that day; monthly/reprise: any day of the month). Default:
   * derived from the seed and kind. The header date is deliberately not an input here.
   */
  referenceDate?: string;
  /** CAF number (NUMORG). Default `591`. */
  numorg?: string;
}

export const DEFAULT_NUMORG = '591';

export function resolveReferenceDate(seed: Seed, kind: FileKind, referenceDate?: string): string {
  if (referenceDate === undefined) return defaultReferenceDate(seed, kind);
  if (!isRealDate(referenceDate)) throw new RangeError(`referenceDate must be a real YYYY-MM-DD date, got "${referenceDate}"`);
  return normaliseReferenceDate(kind, referenceDate);
}

/**
 * Yields `count` households one at a time (a 100k-household file is never held in memory).
 * Household `i` depends on (seed, kind, i, reference date) — plus the NIR order counters, see
 * `NirAllocator` — so the same seed always gives the same households.
 */
export function* generateHouseholds(seed: Seed, count: number, options: GenerateHouseholdsOptions = {}): Generator<GenHousehold> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const kind = options.kind ?? 'monthly';
  const ctx = {
    seed,
    kind,
    referenceDate: resolveReferenceDate(seed, kind, options.referenceDate),
    numorg: options.numorg ?? DEFAULT_NUMORG,
    numbers: new DossierNumbers(seed),
    nirs: new NirAllocator(seed),
  };
  for (let index = 0; index < count; index++) yield buildHousehold(ctx, index);
}

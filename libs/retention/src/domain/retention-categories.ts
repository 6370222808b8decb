import { CodedError } from '@rsa/kernel';

/**
 * The categories of data with a retention period (DOMAIN.md §11: "retention periods defined"), and
 * the defaults the migration seeds. An administrator changes the periods; the nightly job applies
 * them (dry run unless RETENTION_MODE=apply).
 */
export const RETENTION_CATEGORIES = {
  /** Raw CAF data as received: stored files, raw household blocks, rejected households' XML. */
  'intake-raw': { defaultMonths: 13, minMonths: 1, maxMonths: 120 },
  /** Identity of beneficiaries with no activity (no open path, not in any CAF file, no change). */
  'beneficiary-inactive': { defaultMonths: 36, minMonths: 12, maxMonths: 240 },
  /** Before/after diffs and comments in the audit trail (the entries themselves are kept). */
  'audit-sensitive': { defaultMonths: 36, minMonths: 6, maxMonths: 240 },
} as const;

export type RetentionCategory = keyof typeof RETENTION_CATEGORIES;

export const CATEGORY_NAMES = Object.keys(RETENTION_CATEGORIES) as RetentionCategory[];

export enum RetentionErrorCode {
  UnknownCategory = 'RETENTION_UNKNOWN_CATEGORY',
  InvalidPeriod = 'RETENTION_INVALID_PERIOD',
  RunNotFound = 'RETENTION_RUN_NOT_FOUND',
}

export class RetentionError extends CodedError<RetentionErrorCode> {}

export const RETENTION_ERROR_STATUS: Record<RetentionErrorCode, number> = {
  [RetentionErrorCode.UnknownCategory]: 404,
  [RetentionErrorCode.InvalidPeriod]: 422,
  [RetentionErrorCode.RunNotFound]: 404,
};

/**
 * Periods must keep raw CAF data no longer than identities: otherwise an anonymised person would
 * still be readable in the raw XML kept for replay.
 */
export function checkPeriods(periods: Readonly<Record<RetentionCategory, number>>): void {
  for (const category of CATEGORY_NAMES) {
    const { minMonths, maxMonths } = RETENTION_CATEGORIES[category];
    const months = periods[category];
    if (!Number.isInteger(months) || months < minMonths || months > maxMonths) {
      throw new RetentionError(RetentionErrorCode.InvalidPeriod, `${category}: between ${minMonths} and ${maxMonths} months`, { category });
    }
  }
  if (periods['intake-raw'] > periods['beneficiary-inactive']) {
    throw new RetentionError(RetentionErrorCode.InvalidPeriod, 'Raw CAF data (intake-raw) may not be kept longer than identities (beneficiary-inactive)');
  }
}

/** `months` calendar months before `now` (UTC date arithmetic; a day either way does not matter here). */
export function cutoffOf(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

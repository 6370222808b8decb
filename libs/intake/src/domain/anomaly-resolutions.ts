/**
 * What the review of an intake anomaly found, as a code ("no free text where a checkbox does",
 * DOMAIN.md §11). Two records of the same person stay two until the CAF's own data says otherwise
 * (a silent merge is what the anomaly avoids). Only `same-person-caf-notified` changes anything: the
 * two records are linked as one human, so that human is convened and followed once.
 */
export const ANOMALY_RESOLUTIONS = [
  /** Two different people: nothing to do. */
  'distinct-persons',
  /** The same person twice: the CAF was asked to correct its data; the two records are linked as one human meanwhile. */
  'same-person-caf-notified',
  /** A later CAF file corrected what was wrong. */
  'corrected-by-later-file',
  /** An unknown code, noted (to be added to the code tables if it lasts). */
  'code-noted',
  /** A file under the header of another: both checked with the CAF. */
  'files-checked',
  /** Nothing wrong after all. */
  'not-an-anomaly',
] as const;

export type AnomalyResolution = (typeof ANOMALY_RESOLUTIONS)[number];

export function isAnomalyResolution(code: unknown): code is AnomalyResolution {
  return typeof code === 'string' && (ANOMALY_RESOLUTIONS as readonly string[]).includes(code);
}

/** The anomalies about who someone is: one person twice, or two people under one identity. */
const IDENTITY_KINDS = ['identity-nir-conflict', 'nir-birthdate-conflict', 'ambiguous-identity', 'duplicate-person-in-household', 'identity-changed-in-dossier', 'nir-changed-in-dossier'];

/**
 * The kinds each finding is about (any kind when absent): a finding that does not fit the anomaly
 * would be a misleading entry in the audit trail ("two different people" about an unknown code).
 */
const KINDS_OF: Partial<Record<AnomalyResolution, readonly string[]>> = {
  'distinct-persons': IDENTITY_KINDS,
  'same-person-caf-notified': IDENTITY_KINDS,
  'code-noted': ['unknown-code'],
  'files-checked': ['same-header-other-bytes'],
};

/** Whether `resolution` is a finding about an anomaly of this kind. */
export function resolutionFits(resolution: AnomalyResolution, kind: string): boolean {
  return KINDS_OF[resolution]?.includes(kind) ?? true;
}

/** The findings that fit an anomaly of this kind. */
export function resolutionsFor(kind: string): AnomalyResolution[] {
  return ANOMALY_RESOLUTIONS.filter((r) => resolutionFits(r, kind));
}

import type { FileKind } from '../domain/household-record';

export type ImportStatus = 'imported' | 'duplicate' | 'rejected';

export interface Counts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RejectSummary {
  ordinal: number;
  numdemrsa: string | null;
  matricule: string | null;
  path: string;
  message: string;
}

/**
 * What an import says, to the CLI (`--json`), the API and the stored registry. The first fields are
 * the documented contract; the last ones explain the figures to an operator.
 */
export interface ImportReport {
  fileId: string;
  status: ImportStatus;
  kind: FileKind | null;
  households: Counts;
  persons: Counts;
  entrants: number;
  anomalies: number;
  /**
   * Anomalies the file raised that were already recorded (open, or reviewed other than
   * `corrected-by-later-file`): not recorded again (anomaly-repeats.ts).
   */
  anomaliesAlreadyRecorded: number;
  rejects: RejectSummary[];
  fileError: { code: string; message: string } | null;
  /** Households skipped because the dossier already holds data from a newer file. */
  olderIgnored: number;
  /** Earlier occurrences of a NUMDEMRSA the file sends again later: never applied, the last one wins. */
  superseded: number;
  /** Monthly files: dossiers not carried by this stock, newly signalled for reconciliation. */
  notSeenInStock: number;
  /** DEM/CJT who did not enter the path, by reason (DOMAIN.md §2 exclusions). */
  nonEntries: Record<string, number>;
  /**
   * Files already imported under the same header (APPLIEME, version, TYPEFLUX, NATFLUX, DTCREAFLUX,
   * HEUCREAFLUX, DTREF) but with other bytes: this file is applied as any other, and flagged for
   * review with a file-level anomaly (the CAF re-sent a corrected file, or two files were mixed up).
   */
  sameHeaderAs: string[];
  /** For a duplicate: the file these bytes were first imported as. */
  duplicateOf: string | null;
  durationMs: number;
}

/** At most this many rejects are listed in a report; all of them stay queryable through the API. */
export const REPORT_REJECT_LIMIT = 1000;

export const zeroCounts = (): Counts => ({ total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 });

export function emptyReport(fileId: string, status: ImportStatus): ImportReport {
  return {
    fileId,
    status,
    kind: null,
    households: zeroCounts(),
    persons: zeroCounts(),
    entrants: 0,
    anomalies: 0,
    anomaliesAlreadyRecorded: 0,
    rejects: [],
    fileError: null,
    olderIgnored: 0,
    superseded: 0,
    notSeenInStock: 0,
    nonEntries: {},
    sameHeaderAs: [],
    duplicateOf: null,
    durationMs: 0,
  };
}

/**
 * The same bytes as an imported or rejected file: nothing was done, the answer names that file. Bytes
 * that were rejected are rejected again, with the first answer's fault: an unattended re-send of a
 * bad file must not read as a success.
 */
export function duplicateReport(fileId: string, kind: FileKind | null, durationMs: number, rejectedWith: ImportReport['fileError'] = null): ImportReport {
  return { ...emptyReport(fileId, rejectedWith ? 'rejected' : 'duplicate'), kind, duplicateOf: fileId, fileError: rejectedWith, durationMs };
}

/** A rejected file's fault in one line, `CODE: detail`, for the summaries that carry no separate code; null otherwise. */
export function fileErrorLine(report: ImportReport): string | null {
  return report.fileError ? `${report.fileError.code}: ${report.fileError.message}` : null;
}

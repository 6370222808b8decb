import { defineJob, QUEUES } from '@rsa/platform';

export interface ImportFileJob {
  fileId: string;
  path: string;
  originalName: string;
  /** The professional who uploaded it, for the audit trail of the import (absent on older jobs). */
  requestedBy?: string | null;
}

/** Import one registered file (an API upload). */
export const IMPORT_FILE_JOB = defineJob<ImportFileJob>(QUEUES.intake, 'intake:import-file');

/** The nightly pick-up of the drop folder, after the sweep of uploads still waiting. */
export const NIGHTLY_DROP_IMPORT_JOB = defineJob(QUEUES.intake, 'intake:nightly-drop-import');

/** Deterministic: an upload is never enqueued twice (BullMQ ids may not contain a bare ':'). */
export const importFileJobId = (fileId: string): string => `intake-file-${fileId}`;

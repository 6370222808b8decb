import { defineJob, QUEUES } from '@rsa/platform';

/** The nightly retention run (dry run unless RETENTION_MODE=apply). */
export const RETENTION_RUN_JOB = defineJob(QUEUES.maintenance, 'retention:nightly-run');

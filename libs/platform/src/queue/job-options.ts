import { DefaultJobOptions } from 'bullmq';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Defaults of every job. Retries back off 10 s, 20 s, 40 s, 80 s; completed jobs are trimmed (the
 * outcome that matters is in PostgreSQL), failed ones kept 14 days as evidence.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { count: 1_000, age: 7 * DAY_SECONDS },
  removeOnFail: { age: 14 * DAY_SECONDS },
};

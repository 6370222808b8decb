import { NIGHTLY_DROP_IMPORT_JOB } from '@rsa/intake';
import { RETENTION_RUN_JOB } from '@rsa/retention';
import type { ScheduleDefinition } from '@rsa/platform';

/**
 * The repeatable jobs, upserted into BullMQ by the worker at every boot (the name is the job
 * scheduler id: deterministic, so restarts change nothing; a line removed here is removed from
 * Redis). Patterns are read in TZ_BUSINESS (Europe/Paris) unless `tz` says otherwise. Each run is
 * recorded in `scheduled_run`, and /health/ready warns when an expected run did not happen.
 *
 * Add a line per schedule, e.g.
 *   { name: 'intake:nightly-drop-import', job: NIGHTLY_DROP_IMPORT_JOB, pattern: (c) => c.intake.nightlyCron },
 */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  // The CAF drops its daily and monthly files overnight; import them before the referents start.
  { name: 'intake:nightly-drop-import', job: NIGHTLY_DROP_IMPORT_JOB, pattern: (c) => c.intake.nightlyCron },
  // After the import: what is past its retention period (dry run unless RETENTION_MODE=apply).
  { name: 'retention:nightly-run', job: RETENTION_RUN_JOB, pattern: (c) => c.retention.cron },
];

import { NIGHTLY_DROP_IMPORT_JOB } from '@rsa/intake';
import { RETENTION_RUN_JOB } from '@rsa/retention';
import { PLAN_CONVOCATIONS_JOB, RELEASE_CAMPAIGNS_JOB, SWEEP_MESSAGES_JOB } from '@rsa/convocation';
import { ORIENTATION_REMINDERS_JOB } from '@rsa/orientation';
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
  // New entrants are convened within minutes of their file; invitations, retries and relances come due.
  { name: 'convocation:plan', job: PLAN_CONVOCATIONS_JOB, pattern: '* * * * *' },
  // The outbox relay's safety net: whatever is due and not in the queue (Redis lost it, a worker died).
  { name: 'notifications:sweep', job: SWEEP_MESSAGES_JOB, pattern: (c) => c.notifications.sweepCron },
  // Stock reprise campaigns release their next people each working morning, at their monthly pace.
  { name: 'convocation:release-campaigns', job: RELEASE_CAMPAIGNS_JOB, pattern: '0 6 * * 1-5' },
  // Referents (and coordinators) find in their notices, each morning, the contracts ending within 15 days and
  // the bilans due, the first appointments past their deadline with none honoured, the portfolio reviews due.
  { name: 'orientation:reminders', job: ORIENTATION_REMINDERS_JOB, pattern: '30 6 * * *' },
];

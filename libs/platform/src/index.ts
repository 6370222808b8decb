// Public surface of @rsa/platform: import from '@rsa/platform' only, never a deep path.

// config
export { AppConfig } from './config/app-config';
export type { AppConfigValues, AuthConfig, HttpLimitsConfig, IntakeConfig, LogLevel, NodeEnv, NotificationsConfig, RetentionConfig } from './config/app-config';
export { loadAppConfig, ConfigValidationError, DEV_ONLY_DEFAULTS } from './config/load-app-config';
export type { ConfigProblem, LoadAppConfigOptions } from './config/load-app-config';
export { AppConfigModule } from './config/app-config.module';
export { projectRoot } from './config/project-root';

// database
export { DatabaseModule } from './database/database.module';
export { buildDataSourceOptions, ENTITIES_GLOB, MIGRATIONS_GLOB } from './database/data-source-options';
export type { DataSourceRole } from './database/data-source-options';
export { hasPendingMigrations, MIGRATIONS_PENDING } from './database/migrated';
export { inPgTransaction, runInTransaction, SqlParams } from './database/transaction';
export { bulk, byteaValue, insertSql, recordset, sqlRunnerOf, updateSql } from './database/bulk-sql';
export type { BulkColumn, SqlRunner } from './database/bulk-sql';
export { poolService } from './database/pool-service';
export { pgPoolOf } from './database/pg-pool';
export { ADVISORY_LOCKS, lockFor } from './database/advisory-locks';
export {
  createDatabaseIfMissing,
  databaseNameOf,
  dropDatabaseIfExists,
  quoteIdentifier,
  withAdminClient,
  withDatabaseName,
} from './database/admin';

// queue
export { QUEUES, QUEUE_NAMES, QUEUE_CONCURRENCY } from './queue/queue-names';
export type { QueueName } from './queue/queue-names';
export { DEFAULT_JOB_OPTIONS } from './queue/job-options';
export { redisOptionsFromUrl } from './queue/redis-connection';
export { defineJob, definedJobs } from './queue/job-definition';
export type { JobDefinition } from './queue/job-definition';
export { ProcessesJob } from './queue/job-processor';
export type { JobProcessor } from './queue/job-processor';
export { assertEveryJobHasOneHandler } from './queue/job-registry';
export type { JobHandlerRef, JobRegistry } from './queue/job-registry';
export { JobProducer } from './queue/job-producer';
export { QueueModule } from './queue/queue.module';
export { resolveSchedules, previousOccurrence } from './queue/schedule';
export type { ScheduleDefinition, ResolvedSchedule } from './queue/schedule';
export { syncJobSchedulers } from './queue/schedule-sync';
export { ScheduledRunService } from './queue/scheduled-run.service';
export type { MissedRun } from './queue/scheduled-run.service';
export { ScheduledRunEntity } from './infrastructure/scheduled-run.entity';
export type { ScheduledRunOutcome } from './infrastructure/scheduled-run.entity';
export { WorkerRuntimeModule } from './queue/worker-runtime.module';
export { WorkerRuntime } from './queue/worker-runtime';
export type { WorkerRuntimeOptions } from './queue/worker-runtime';

// logging
export { LoggingModule, pinoParams } from './logging/logging.module';
export { PERSONAL_KEYS, REDACTED_PATHS, REDACTION_CENSOR } from './logging/redaction';
export { REQUEST_ID_HEADER } from './logging/request-id';

// health
export { HealthModule } from './health/health.module';
export type { HealthModuleOptions } from './health/health.module';

// metrics
export { MetricsModule, MetricsRegistryModule } from './metrics/metrics.module';
export { Metrics } from './metrics/metrics.service';
export { MetricsServer } from './metrics/metrics-server';

// errors
export { ErrorCodeRegistry, errorCodes, registerErrorCodes } from './errors/error-code-registry';

// audit
export { AuditTrail, diffOf } from './audit/audit-trail';
export type { AnonymousCaller, AuditDiff, AuditEventView, AuditFilter, AuditOutcome, AuditRecord, AuditVerification } from './audit/audit-trail';
export { AuditModule } from './audit/audit.module';
export { AuditEventEntity } from './infrastructure/audit-event.entity';

// http
export { Access, Public, ROUTE_ACCESS_KEY, ROUTE_SUBJECT_KEY, SubjectOf } from './http/route-access';
export { InYearRange, IsCalendarDay, isCalendarDay } from './http/calendar-day';
export { IsDayOrInstant, IsInstant } from './http/instant';
export { INT4_MAX, ParseInt4Pipe } from './http/int4';
export { QueryBoolean } from './http/query-boolean';
export { BODY_TYPES_KEY, BodyTypes, DEFAULT_BODY_TYPES } from './http/body-types';
export type { RouteAccess, RouteSubject } from './http/route-access';

// clock
export { ClockModule } from './clock/clock.module';
export { keepFilesPrivate, makePrivate } from './files/private-files';

export * from './domain/retention-categories';
export { Retention, type RetentionRunReport } from './application/retention';
export { RETENTION_RUN_JOB } from './application/retention-jobs';
export { RetentionModule } from './retention.module';
export { RetentionApiModule } from './http/retention-api.module';

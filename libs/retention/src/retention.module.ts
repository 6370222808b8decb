import { Module } from '@nestjs/common';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryRetention } from '@rsa/beneficiary';
import { IntakeRetention } from '@rsa/intake';
import { AppConfig, AuditTrail, pgPoolOf, registerErrorCodes } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { Retention } from './application/retention';
import { RETENTION_ERROR_STATUS } from './domain/retention-categories';

registerErrorCodes(RETENTION_ERROR_STATUS);

/** Retention periods and runs, without transport: the worker's nightly job, the CLI, the API. */
@Module({
  imports: [AccessModule],
  providers: [
    {
      provide: Retention,
      inject: [DataSource, AccessPolicy, AuditTrail, AppConfig],
      useFactory: (ds: DataSource, policy: AccessPolicy, audit: AuditTrail, config: AppConfig) =>
        new Retention(
          pgPoolOf(ds),
          policy,
          audit,
          new IntakeRetention(pgPoolOf(ds), [config.intake.storageDir, config.intake.dropDir], config.intake.dropDir),
          new BeneficiaryRetention(pgPoolOf(ds)),
        ),
    },
  ],
  exports: [Retention],
})
export class RetentionModule {}

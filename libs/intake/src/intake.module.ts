import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { Clock } from '@rsa/kernel';
import { BeneficiaryModule, CafSnapshotApplier, NirVault, PathProgress } from '@rsa/beneficiary';
import { AppConfig, AuditTrail, Metrics, pgPoolOf, poolService } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { AnomalyReview } from './application/anomaly-review';
import { AuditedImport } from './application/audited-import';
import { CafFileImporter } from './application/caf-file-importer';
import { DropFolderImporter } from './application/drop-folder-importer';
import { ImportCafFileHandler } from './application/import-caf-file.command';
import { IntakeMetrics } from './application/intake-metrics';
import { IntakeQueries } from './application/intake-queries';
import { IntakeSealRotation } from './application/intake-seal-rotation';
import { NightlyIntake } from './application/nightly-intake';

/** The CAF file intake, without transport: used by the API, the worker and the CLI. */
@Module({
  imports: [CqrsModule, BeneficiaryModule, AccessModule],
  providers: [
    poolService(CafFileImporter, CafSnapshotApplier, NirVault, Clock, AppConfig),
    poolService(IntakeMetrics, Metrics),
    {
      provide: AuditedImport,
      inject: [CafFileImporter, AccessPolicy, AuditTrail, IntakeMetrics],
      useFactory: (importer: CafFileImporter, policy: AccessPolicy, audit: AuditTrail, metrics: IntakeMetrics) => new AuditedImport(importer, policy, audit, metrics),
    },
    poolService(IntakeQueries, AccessPolicy, AuditTrail, NirVault),
    poolService(AnomalyReview, AccessPolicy, AuditTrail, Clock, PathProgress),
    poolService(IntakeSealRotation, NirVault, AccessPolicy, AuditTrail),
    {
      provide: DropFolderImporter,
      inject: [AuditedImport, AccessPolicy, DataSource, AppConfig],
      useFactory: (imports: AuditedImport, policy: AccessPolicy, dataSource: DataSource, config: AppConfig) =>
        new DropFolderImporter(imports, policy, pgPoolOf(dataSource), config.intake.dropDir),
    },
    {
      provide: NightlyIntake,
      inject: [AuditedImport, CafFileImporter, DropFolderImporter, DataSource, AppConfig],
      useFactory: (imports: AuditedImport, importer: CafFileImporter, drop: DropFolderImporter, dataSource: DataSource, config: AppConfig) =>
        new NightlyIntake(imports, importer, drop, pgPoolOf(dataSource), config.intake.storageDir),
    },
    ImportCafFileHandler,
  ],
  exports: [CafFileImporter, AuditedImport, AnomalyReview, IntakeQueries, IntakeSealRotation, DropFolderImporter, NightlyIntake, CqrsModule],
})
export class IntakeModule {}

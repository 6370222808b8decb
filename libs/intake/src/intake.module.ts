import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { BeneficiaryModule, CafSnapshotApplier, NirVault } from '@rsa/beneficiary';
import { AppConfig, AuditTrail, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { AuditedImport } from './application/audited-import';
import { CafFileImporter } from './application/caf-file-importer';
import { DropFolderImporter } from './application/drop-folder-importer';
import { ImportCafFileHandler } from './application/import-caf-file.command';
import { IntakeQueries } from './application/intake-queries';
import { IntakeSealRotation } from './application/intake-seal-rotation';
import { NightlyIntake } from './application/nightly-intake';

/** The CAF file intake, without transport: used by the API, the worker and the CLI. */
@Module({
  imports: [CqrsModule, BeneficiaryModule, AccessModule],
  providers: [
    {
      provide: CafFileImporter,
      inject: [DataSource, CafSnapshotApplier, NirVault],
      useFactory: (dataSource: DataSource, applier: CafSnapshotApplier, vault: NirVault) => new CafFileImporter(pgPoolOf(dataSource), applier, vault),
    },
    {
      provide: AuditedImport,
      inject: [CafFileImporter, AccessPolicy, AuditTrail],
      useFactory: (importer: CafFileImporter, policy: AccessPolicy, audit: AuditTrail) => new AuditedImport(importer, policy, audit),
    },
    {
      provide: IntakeQueries,
      inject: [DataSource, AccessPolicy, AuditTrail, NirVault],
      useFactory: (dataSource: DataSource, policy: AccessPolicy, audit: AuditTrail, vault: NirVault) => new IntakeQueries(pgPoolOf(dataSource), policy, audit, vault),
    },
    {
      provide: IntakeSealRotation,
      inject: [DataSource, NirVault, AccessPolicy, AuditTrail],
      useFactory: (dataSource: DataSource, vault: NirVault, policy: AccessPolicy, audit: AuditTrail) => new IntakeSealRotation(pgPoolOf(dataSource), vault, policy, audit),
    },
    {
      provide: DropFolderImporter,
      inject: [AuditedImport, AccessPolicy, DataSource, AppConfig],
      useFactory: (imports: AuditedImport, policy: AccessPolicy, dataSource: DataSource, config: AppConfig) =>
        new DropFolderImporter(imports, policy, pgPoolOf(dataSource), config.intake.dropDir),
    },
    {
      provide: NightlyIntake,
      inject: [AuditedImport, DropFolderImporter, DataSource],
      useFactory: (imports: AuditedImport, drop: DropFolderImporter, dataSource: DataSource) => new NightlyIntake(imports, drop, pgPoolOf(dataSource)),
    },
    ImportCafFileHandler,
  ],
  exports: [CafFileImporter, AuditedImport, IntakeQueries, IntakeSealRotation, DropFolderImporter, NightlyIntake, CqrsModule],
})
export class IntakeModule {}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BeneficiaryModule, CafSnapshotApplier } from '@rsa/beneficiary';
import { AppConfig, pgPoolOf } from '@rsa/platform';
import { DataSource } from 'typeorm';
import { CafFileImporter } from './application/caf-file-importer';
import { DropFolderImporter } from './application/drop-folder-importer';
import { ImportCafFileHandler } from './application/import-caf-file.command';
import { IntakeQueries } from './application/intake-queries';
import { NightlyIntake } from './application/nightly-intake';

/** The CAF file intake, without transport: used by the API, the worker and the CLI. */
@Module({
  imports: [CqrsModule, BeneficiaryModule],
  providers: [
    {
      provide: CafFileImporter,
      inject: [DataSource, CafSnapshotApplier],
      useFactory: (dataSource: DataSource, applier: CafSnapshotApplier) => new CafFileImporter(pgPoolOf(dataSource), applier),
    },
    { provide: IntakeQueries, inject: [DataSource], useFactory: (dataSource: DataSource) => new IntakeQueries(pgPoolOf(dataSource)) },
    {
      provide: DropFolderImporter,
      inject: [CafFileImporter, DataSource, AppConfig],
      useFactory: (importer: CafFileImporter, dataSource: DataSource, config: AppConfig) =>
        new DropFolderImporter(importer, pgPoolOf(dataSource), config.intake.dropDir),
    },
    {
      provide: NightlyIntake,
      inject: [CafFileImporter, DropFolderImporter, DataSource],
      useFactory: (importer: CafFileImporter, drop: DropFolderImporter, dataSource: DataSource) => new NightlyIntake(importer, drop, pgPoolOf(dataSource)),
    },
    ImportCafFileHandler,
  ],
  exports: [CafFileImporter, IntakeQueries, DropFolderImporter, NightlyIntake, CqrsModule],
})
export class IntakeModule {}

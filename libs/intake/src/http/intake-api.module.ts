import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { mkdirSync } from 'node:fs';
import { AccessModule, AccessPolicy } from '@rsa/access';
import { AppConfig, AuditTrail, JobProducer, registerErrorCodes } from '@rsa/platform';
import { CafFileImporter } from '../application/caf-file-importer';
import { IntakeUploads } from '../application/intake-uploads';
import { INTAKE_ERROR_STATUS } from '../domain/intake-errors';
import { IntakeModule } from '../intake.module';
import { IntakeAnomaliesController } from './intake-anomalies.controller';
import { IntakeController } from './intake.controller';

registerErrorCodes(INTAKE_ERROR_STATUS);

@Module({
  imports: [
    IntakeModule,
    AccessModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const dest = config.intake.storageDir;
        mkdirSync(dest, { recursive: true });
        // Disk storage: the upload is streamed to a file, never buffered in memory. One file, no other
        // field; a monthly file of the whole Nord is a few hundred MB (CAF-FORMAT §11).
        return { dest, limits: { fileSize: config.http.maxUploadBytes, files: 1, fields: 0 } };
      },
    }),
  ],
  providers: [
    {
      provide: IntakeUploads,
      inject: [CafFileImporter, JobProducer, AccessPolicy, AuditTrail],
      useFactory: (importer: CafFileImporter, jobs: JobProducer, policy: AccessPolicy, audit: AuditTrail) => new IntakeUploads(importer, jobs, policy, audit),
    },
  ],
  controllers: [IntakeController, IntakeAnomaliesController],
})
export class IntakeApiModule {}

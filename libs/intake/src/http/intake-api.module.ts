import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { mkdirSync } from 'node:fs';
import { AppConfig, registerErrorCodes } from '@rsa/platform';
import { INTAKE_ERROR_STATUS } from '../domain/intake-errors';
import { IntakeModule } from '../intake.module';
import { IntakeController } from './intake.controller';

registerErrorCodes(INTAKE_ERROR_STATUS);

/** Maximum upload: a monthly file of the whole Nord is a few hundred MB (CAF-FORMAT §11). */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

@Module({
  imports: [
    IntakeModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const dest = config.intake.storageDir;
        mkdirSync(dest, { recursive: true });
        // Disk storage: the upload is streamed to a file, never buffered in memory.
        return { dest, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } };
      },
    }),
  ],
  controllers: [IntakeController],
})
export class IntakeApiModule {}

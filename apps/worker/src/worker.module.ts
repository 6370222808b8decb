import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  DatabaseModule,
  LoggingModule,
  MetricsModule,
  QueueModule,
  WorkerRuntimeModule,
} from '@rsa/platform';
import { IntakeModule } from '@rsa/intake';
import { ImportFileProcessor, NightlyDropImportProcessor } from './processors/intake.processor';
import { SCHEDULES } from './schedules';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ applicationName: 'rsa-worker' }),
    QueueModule,
    MetricsModule,
    // Checks one @ProcessesJob processor per defineJob(...), upserts SCHEDULES, runs the queues.
    WorkerRuntimeModule.forRoot({ schedules: SCHEDULES }),

    // Bounded contexts whose commands the processors call.
    IntakeModule,
  ],
  providers: [
    // Job processors (apps/worker/src/processors/*.processor.ts, @ProcessesJob(...)).
    ImportFileProcessor,
    NightlyDropImportProcessor,
  ],
})
export class WorkerModule {}

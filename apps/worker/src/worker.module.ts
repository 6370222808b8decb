import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  AuditModule,
  ClockModule,
  DatabaseModule,
  LoggingModule,
  MetricsModule,
  QueueModule,
  WorkerRuntimeModule,
} from '@rsa/platform';
import { IntakeModule } from '@rsa/intake';
import { RetentionModule } from '@rsa/retention';
import { ConvocationModule } from '@rsa/convocation';
import { OrientationModule } from '@rsa/orientation';
import { ImportFileProcessor, NightlyDropImportProcessor } from './processors/intake.processor';
import { RetentionRunProcessor } from './processors/retention.processor';
import { PlanConvocationsProcessor, ReleaseCampaignsProcessor, SendMessageProcessor, SweepMessagesProcessor } from './processors/convocation.processor';
import { OrientationRemindersProcessor } from './processors/orientation.processor';
import { SCHEDULES } from './schedules';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ applicationName: 'rsa-worker' }),
    QueueModule,
    MetricsModule,
    AuditModule,
    ClockModule,
    // Checks one @ProcessesJob processor per defineJob(...), upserts SCHEDULES, runs the queues.
    WorkerRuntimeModule.forRoot({ schedules: SCHEDULES }),

    // Bounded contexts whose commands the processors call.
    IntakeModule,
    RetentionModule,
    ConvocationModule,
    OrientationModule,
  ],
  providers: [
    // Job processors (apps/worker/src/processors/*.processor.ts, @ProcessesJob(...)).
    ImportFileProcessor,
    NightlyDropImportProcessor,
    RetentionRunProcessor,
    PlanConvocationsProcessor,
    SweepMessagesProcessor,
    SendMessageProcessor,
    ReleaseCampaignsProcessor,
    OrientationRemindersProcessor,
  ],
})
export class WorkerModule {}

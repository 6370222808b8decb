import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { JobProducer } from './job-producer';
import { QueueErrorLogger } from './queue-error-logger';
import { QUEUE_NAMES } from './queue-names';
import { redisOptionsFromUrl } from './redis-connection';
import { ScheduledRunService } from './scheduled-run.service';

const queues = BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name })));

/**
 * BullMQ connection (REDIS_URL, QUEUE_PREFIX) and every queue, globally: contexts enqueue with
 * JobProducer (or `@InjectQueue(QUEUES.x)`) without registering anything. Needs DatabaseModule
 * (ScheduledRunService). Jobs are consumed only by the worker (WorkerRuntimeModule).
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisOptionsFromUrl(config.redisUrl),
        prefix: config.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
      // @nestjs/bullmq's @Processor is not used (see WorkerRuntime): never let it consume jobs.
      extraOptions: { manualRegistration: true },
    }),
    queues,
  ],
  providers: [JobProducer, ScheduledRunService, QueueErrorLogger],
  exports: [queues, JobProducer, ScheduledRunService],
})
export class QueueModule {}

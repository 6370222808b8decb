import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, ModuleRef, Reflector } from '@nestjs/core';
import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { hasPendingMigrations, MIGRATIONS_PENDING } from '../database/migrated';
import { DomainError } from '@rsa/kernel';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import { definedJobs, JobDefinition } from './job-definition';
import { JOB_PROCESSOR_METADATA, JobProcessor } from './job-processor';
import { assertEveryJobHasOneHandler, JobHandlerRef } from './job-registry';
import { QUEUE_CONCURRENCY, QUEUE_NAMES, QueueName } from './queue-names';
import { redisOptionsFromUrl } from './redis-connection';
import { resolveSchedules, ScheduleDefinition } from './schedule';
import { syncJobSchedulers } from './schedule-sync';
import { errorMessage, ScheduledRunService } from './scheduled-run.service';

export const WORKER_RUNTIME_OPTIONS = Symbol('WORKER_RUNTIME_OPTIONS');

export interface WorkerRuntimeOptions {
  /** The schedule table (apps/worker/src/schedules.ts). */
  readonly schedules: readonly ScheduleDefinition[];
  /** Jobs to check besides those defined with defineJob (tests). Default: definedJobs(). */
  readonly jobs?: () => readonly JobDefinition[];
  /** false: check and schedule, but consume nothing (tests call `dispatch` themselves). */
  readonly autorun?: boolean;
}

/**
 * The worker's engine. At boot: find the @ProcessesJob providers, refuse to start unless every
 * defined job has exactly one, upsert the schedule table into BullMQ, then start one BullMQ Worker
 * per queue that routes each job to its processor, with one log line and metrics per outcome, a
 * `scheduled_run` row per attempt of a scheduled job, and no retry of a DomainError.
 * `drain()` stops taking jobs and waits for the active ones: the worker's main calls it on SIGTERM
 * before closing the database.
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WorkerRuntime');
  private readonly processors = new Map<string, JobProcessor>();
  private readonly workers: Worker[] = [];
  private readonly jobsTotal: Counter<'queue' | 'job' | 'outcome'>;
  private readonly jobDuration: Histogram<'queue' | 'job'>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly runs: ScheduledRunService,
    metrics: Metrics,
    @Inject(WORKER_RUNTIME_OPTIONS) private readonly options: WorkerRuntimeOptions,
  ) {
    this.jobsTotal = metrics.counter({ name: 'jobs_total', help: 'Jobs processed, by outcome', labelNames: ['queue', 'job', 'outcome'] });
    this.jobDuration = metrics.histogram({
      name: 'job_duration_seconds',
      help: 'Job processing time',
      labelNames: ['queue', 'job'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverProcessors();
    assertEveryJobHasOneHandler({ jobs: (this.options.jobs ?? definedJobs)(), handlers });
    // Jobs run against the schema this build expects, or not at all: a worker started before
    // `migration:run` would fail every job with raw database errors.
    if (await hasPendingMigrations(this.moduleRef.get(DataSource, { strict: false }))) throw new Error(`${MIGRATIONS_PENDING} before starting the worker`);
    const schedules = resolveSchedules(this.options.schedules, this.config);
    const { upserted, removed } = await syncJobSchedulers(schedules, (name) => this.queue(name), QUEUE_NAMES);
    this.logger.log(`Job schedulers upserted [${upserted.join(', ')}], removed [${removed.join(', ')}]`);

    const queues = QUEUE_NAMES.filter((q) => handlers.some((h) => h.queue === q));
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => this.dispatch(job), {
        // Worker connections block (BRPOPLPUSH): they must never give up on a command.
        connection: { ...redisOptionsFromUrl(this.config.redisUrl), maxRetriesPerRequest: null },
        prefix: this.config.queuePrefix,
        concurrency: QUEUE_CONCURRENCY[queue],
        autorun: this.options.autorun ?? true,
      });
      worker.on('error', (error) => this.logger.error(`Worker of queue ${queue}: ${error.message}`));
      worker.on('failed', (job, error) => {
        const processor = job ? this.processors.get(job.name) : undefined;
        if (job && processor?.onFailed) {
          processor.onFailed(job, error).catch((e: unknown) => this.logger.error({ msg: 'job failure not recorded', queue, job: job.name, jobId: job.id, error: errorMessage(e) }));
        }
      });
      this.workers.push(worker);
    }
    this.logger.log(`Processing queues [${queues.join(', ')}]`);
  }

  /** Stops taking jobs and waits for the active ones. Idempotent. */
  async drain(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  async onModuleDestroy(): Promise<void> {
    await this.drain();
  }

  /** Runs one job through its processor (what the BullMQ workers call; tests may call it too). */
  async dispatch(job: Job): Promise<unknown> {
    const processor = this.processors.get(job.name);
    if (!processor) throw new UnrecoverableError(`No processor for job "${job.name}"`);
    const labels = { queue: job.queueName, job: job.name };
    const context = { jobId: job.id, attempt: job.attemptsMade + 1 };
    const stopTimer = this.jobDuration.startTimer(labels);
    // Jobs created by a job scheduler carry its id (the schedule's name) and the cron occurrence.
    const runId = job.repeatJobKey
      ? await this.runs.start(job.repeatJobKey, new Date(job.opts.prevMillis ?? job.timestamp), context)
      : undefined;
    try {
      const result = await processor.process(job);
      if (runId) await this.runs.finish(runId, 'succeeded');
      stopTimer();
      this.jobsTotal.inc({ ...labels, outcome: 'completed' });
      this.logger.log({ msg: 'job completed', ...labels, ...context });
      return result;
    } catch (error) {
      stopTimer();
      if (runId) await this.runs.finish(runId, 'failed', { error: errorMessage(error) }).catch(() => undefined);
      const final = error instanceof DomainError || error instanceof UnrecoverableError;
      this.jobsTotal.inc({ ...labels, outcome: final ? 'refused' : 'failed' });
      this.logger.warn({ msg: 'job failed', ...labels, ...context, error: errorMessage(error), retried: !final });
      // A business refusal will not change on retry.
      if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  }

  private discoverProcessors(): JobHandlerRef[] {
    const handlers: JobHandlerRef[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const type = (instance as object).constructor;
      if (instance instanceof WorkerHost) {
        // QueueModule sets manualRegistration: an @nestjs/bullmq processor would never run.
        throw new Error(`${type.name} extends WorkerHost: use @ProcessesJob(job) and implement JobProcessor instead`);
      }
      const job = this.reflector.get<JobDefinition | undefined>(JOB_PROCESSOR_METADATA, type);
      if (!job) continue;
      const processor = instance as JobProcessor;
      if (typeof processor.process !== 'function') throw new Error(`${type.name} has @ProcessesJob but no process(job)`);
      handlers.push({ jobName: job.name, queue: job.queue, handler: type.name });
      this.processors.set(job.name, processor);
    }
    return handlers;
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

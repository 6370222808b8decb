/**
 * The platform's queue runtime on the real PostgreSQL and Redis. It lives beside the helpers it
 * uses because a library reaches another only through its index (@rsa/platform, here).
 */
import { Global, Injectable, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { DomainError } from '@rsa/kernel';
import {
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  defineJob,
  JobProcessor,
  JobProducer,
  MetricsModule,
  ProcessesJob,
  QueueModule,
  redisOptionsFromUrl,
  ScheduledRunService,
  WorkerRuntime,
  WorkerRuntimeModule,
} from '@rsa/platform';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestQueues, TestQueues } from './test-queues';

const ECHO = defineJob<{ text: string }>('maintenance', 'test:echo');
const REFUSE = defineJob('maintenance', 'test:refuse');
const TICK = defineJob('reporting', 'test:tick');
const STALLS = defineJob<{ n: number }>('maintenance', 'test:stalls');

class Refused extends DomainError {
  readonly code = 'TEST_REFUSED';
}

const seen: string[] = [];

@ProcessesJob(ECHO)
@Injectable()
class EchoProcessor implements JobProcessor<{ text: string }> {
  async process(job: Job<{ text: string }>) {
    seen.push(job.data.text);
    return { echoed: job.data.text };
  }
}

@ProcessesJob(REFUSE)
@Injectable()
class RefuseProcessor implements JobProcessor {
  async process(): Promise<never> {
    throw new Refused('not allowed');
  }
}

const failures: { job: string; message: string }[] = [];

/** A job whose worker stopped under it more often than BullMQ allows: failed without process. */
@ProcessesJob(STALLS)
@Injectable()
class StallsProcessor implements JobProcessor<{ n: number }> {
  async process(job: Job<{ n: number }>) {
    seen.push(`stalls ${job.data.n}`);
    return null;
  }
  async onFailed(job: Job<{ n: number }>, error: Error) {
    failures.push({ job: job.name, message: error.message });
  }
}

@ProcessesJob(TICK)
@Injectable()
class TickProcessor implements JobProcessor {
  async process() {
    return 'tick';
  }
}

async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function workerModule(config: AppConfig, options: Parameters<typeof WorkerRuntimeModule.forRoot>[0], processors: unknown[]) {
  @Module({
    imports: [AppConfigModule, DatabaseModule.forRoot(), QueueModule, MetricsModule, WorkerRuntimeModule.forRoot(options)],
    providers: processors as never[],
  })
  class TestWorkerModule {}
  return Test.createTestingModule({ imports: [TestWorkerModule] }).overrideProvider(AppConfig).useValue(config).compile();
}

describe('WorkerRuntime (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let queues: TestQueues;
  let app: TestingModule;

  beforeAll(async () => {
    db = await createTestDatabase();
    queues = createTestQueues({ config: db.config });
    // A scheduler left over from an older schedule table: the boot must remove it.
    const reporting = new Queue('reporting', { connection: redisOptionsFromUrl(db.config.redisUrl), prefix: queues.prefix });
    await reporting.upsertJobScheduler('test:stale', { pattern: '0 0 1 1 *' }, { name: TICK.name });
    await reporting.close();

    app = await workerModule(
      queues.config,
      { schedules: [{ name: 'test:every-second', job: TICK, pattern: '* * * * * *' }] },
      [EchoProcessor, RefuseProcessor, TickProcessor, StallsProcessor],
    );
    app.useLogger(false);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await queues?.cleanup();
    await db?.drop();
  });

  it('routes each job to its processor', async () => {
    const job = await app.get(JobProducer).enqueue(ECHO, { text: 'bonjour' });
    await eventually(async () => (await job.isCompleted()) || undefined, 'the echo job');
    expect(seen).toContain('bonjour');
    expect((await app.get(JobProducer).queue('maintenance').getJob(job.id!))?.returnvalue).toEqual({ echoed: 'bonjour' });
  });

  it('does not retry a DomainError', async () => {
    const job = await app.get(JobProducer).enqueue(REFUSE, {});
    const queue = app.get(JobProducer).queue('maintenance');
    await eventually(async () => (await job.getState()) === 'failed', 'the refused job');
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toBe('TEST_REFUSED: not allowed');
  });

  it('requeues an obligation under its id: a job whose attempts were spent is replaced', async () => {
    const producer = app.get(JobProducer);
    const queue = producer.queue('maintenance');
    const first = await producer.enqueue(REFUSE, {}, { jobId: 'refuse-again' });
    await eventually(async () => (await first.getState()) === 'failed', 'the refused job');
    // A plain enqueue under the same id is ignored while BullMQ keeps the failed job.
    await producer.enqueue(REFUSE, {}, { jobId: 'refuse-again' });
    expect(await (await queue.getJob('refuse-again'))!.getState()).toBe('failed');
    const again = await producer.requeue(REFUSE, {}, 'refuse-again');
    expect(again.timestamp).toBeGreaterThan(first.timestamp);
    await eventually(async () => (await again.getState()) === 'failed', 'the requeued job');
    expect((await queue.getJob('refuse-again'))!.attemptsMade).toBe(1);
  });

  it('accepts deterministic ids, within BullMQ rules on ":"', async () => {
    const producer = app.get(JobProducer);
    await expect(producer.enqueue(ECHO, { text: 'x' }, { jobId: 'echo:42:first' })).resolves.toBeDefined();
    await expect(producer.enqueue(ECHO, { text: 'x' }, { jobId: 'echo:42' })).rejects.toThrow('Custom Id cannot contain :');
    await expect(producer.enqueue(ECHO, { text: 'x' }, { jobId: 'echo-42' })).resolves.toBeDefined();
  });

  it('upserts the schedule table, removes stale schedulers, and records each scheduled run', async () => {
    const reporting = app.get(JobProducer).queue('reporting');
    expect((await reporting.getJobSchedulers()).map((s) => s.key)).toEqual(['test:every-second']);
    const rows = await eventually(async () => {
      const found: { outcome: string; expected_at: Date; finished_at: Date | null }[] = await db.dataSource.query(
        `SELECT outcome, expected_at, finished_at FROM scheduled_run WHERE schedule_name = 'test:every-second'`,
      );
      return found.some((r) => r.outcome === 'succeeded') ? found : undefined;
    }, 'a recorded scheduled run');
    const run = rows.find((r) => r.outcome === 'succeeded')!;
    expect(run.expected_at.getMilliseconds()).toBe(0);
    expect(run.finished_at).not.toBeNull();
  });

  it('tells the processor of a job BullMQ failed without running it, after its worker stopped under it too often', async () => {
    const producer = app.get(JobProducer);
    const job = await producer.enqueue(STALLS, { n: 1 }, { delay: 1_000 });
    // What BullMQ's stalled-job check leaves on a job past its limit: the failure it is to get when next taken.
    const redis = await producer.queue('maintenance').client;
    await redis.hset(`${queues.prefix}:maintenance:${job.id}`, { defa: 'job stalled more than allowable limit' });
    await eventually(async () => (await job.getState()) === 'failed', 'the stalled job');
    await eventually(async () => failures.length > 0 || undefined, 'the processor told');
    expect(failures).toEqual([{ job: 'test:stalls', message: 'job stalled more than allowable limit' }]);
    expect(seen).not.toContain('stalls 1');
  });

  it('drains: stops taking jobs', async () => {
    await app.get(WorkerRuntime).drain();
    const job = await app.get(JobProducer).enqueue(ECHO, { text: 'after drain' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await job.getState()).toBe('waiting');
  });

  it('refuses to boot when a defined job has no processor', async () => {
    defineJob('maintenance', 'test:orphan');
    // No database or Redis here: the check comes first, and Nest cannot close a context whose
    // init failed (close() rethrows the init error), so nothing must be left open.
    @Global()
    @Module({ providers: [{ provide: ScheduledRunService, useValue: {} }], exports: [ScheduledRunService] })
    class FakeRunsModule {}
    const broken = await Test.createTestingModule({
      imports: [AppConfigModule, MetricsModule, FakeRunsModule, WorkerRuntimeModule.forRoot({ schedules: [] })],
      providers: [EchoProcessor, RefuseProcessor, TickProcessor, StallsProcessor],
    })
      .overrideProvider(AppConfig)
      .useValue(queues.config)
      .compile();
    broken.useLogger(false);
    await expect(broken.init()).rejects.toThrow('job "test:orphan" (queue maintenance) has no handler');
  });
});

describe('ScheduledRunService.findMissed', () => {
  let db: TestDatabase;
  let runs: ScheduledRunService;
  const nightly = { name: 'test:nightly', queue: 'intake' as const, jobName: 'test:nightly', pattern: '30 2 * * *', tz: 'Europe/Paris', data: {}, graceMs: 3_600_000 };
  // 12:00 UTC on 10 March 2026: the expected occurrence is 02:30 Paris = 01:30 UTC that day.
  const now = new Date('2026-03-10T12:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    runs = new ScheduledRunService(db.dataSource);
  });
  afterAll(() => db?.drop());
  beforeEach(() => db.dataSource.query('DELETE FROM scheduled_run'));

  it('reports a schedule that never ran', async () => {
    expect(await runs.findMissed([nightly], now)).toEqual([
      expect.objectContaining({ schedule: 'test:nightly', reason: 'never-run', expectedAt: new Date('2026-03-10T01:30:00Z'), lastOutcome: null }),
    ]);
  });

  it('reports a schedule whose last run answers an older occurrence', async () => {
    await runs.record('test:nightly', new Date('2026-03-09T01:30:00Z'), async () => 'ok');
    expect(await runs.findMissed([nightly], now)).toEqual([expect.objectContaining({ reason: 'not-run', lastOutcome: 'succeeded' })]);
  });

  it('is quiet when the expected run succeeded, even after a failed attempt', async () => {
    await expect(runs.record('test:nightly', new Date('2026-03-10T01:30:00Z'), () => Promise.reject(new Error('disk full')))).rejects.toThrow();
    expect(await runs.findMissed([nightly], now)).toEqual([expect.objectContaining({ reason: 'failed' })]);
    await runs.record('test:nightly', new Date('2026-03-10T01:30:00Z'), async () => 'ok');
    expect(await runs.findMissed([nightly], now)).toEqual([]);
  });

  it('gives a late run its grace period', async () => {
    await runs.record('test:nightly', new Date('2026-03-09T01:30:00Z'), async () => 'ok');
    // 01:45 UTC: the 01:30 run may still be waiting in its queue.
    expect(await runs.findMissed([nightly], new Date('2026-03-10T01:45:00Z'))).toEqual([]);
  });
});

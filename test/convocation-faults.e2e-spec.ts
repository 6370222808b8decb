import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AccessPolicy, workerActor } from '@rsa/access';
import { EmailChannel, MessageSender, PdfLetterChannel, SmsChannel, type Notice } from '@rsa/convocation';
import { Metrics, pgPoolOf, projectRoot, QUEUES } from '@rsa/platform';
import { createTestDatabase, pdfText, type TestDatabase } from '@rsa/testing';
import { buildConvocationWorld, type ConvocationWorld } from './support/convocation-world';

/**
 * What must not happen when things break: the SMS provider failing, a permanent refusal, Redis
 * restarted with its queues lost, the worker killed in the middle of a batch. The outbox rows are
 * the truth: nothing is lost, nothing is sent twice.
 */

/** Monday 7 December 2026, 10:00 Paris: inside the sending window. */
const MONDAY_10 = '2026-12-07T10:00:00+01:00';

async function world(db: TestDatabase, patch?: Parameters<typeof buildConvocationWorld>[2]): Promise<ConvocationWorld> {
  const w = await buildConvocationWorld(db, MONDAY_10, patch);
  await w.openAgendas(['roubaix-tourcoing', 'lille'], '2026-12-08', '2026-12-31');
  return w;
}

async function convened(w: ConvocationWorld, seed: string, smsCount: number, emailCount = 0): Promise<void> {
  await w.importDaily(160, seed, '2026-12-07');
  // The last paths the planner takes (it goes by deadline, then path id): their appointments come
  // last, so some of their reminders are still to be sent once the convocations are out.
  const people = await w.sql<{ person_id: string }>(
    `SELECT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
      WHERE tc.territory_id IN ('roubaix-tourcoing', 'lille') ORDER BY p.id DESC`,
  );
  await w.consent(people.slice(0, smsCount).map((p) => p.person_id), { sms: true });
  if (emailCount > 0) await w.consent(people.slice(smsCount, smsCount + emailCount).map((p) => p.person_id), { email: true });
}

const statuses = (w: ConvocationWorld) =>
  w.sql<{ channel: string; status: string; n: number }>(`SELECT channel, status, count(*)::int AS n FROM notification_message WHERE kind <> 'reminder' GROUP BY 1, 2 ORDER BY 1, 2`);

describe('convocation faults (e2e)', () => {
  // Each scenario on a database of its own: their planners must not convene each other's people.
  const databases: TestDatabase[] = [];
  const freshDatabase = async () => {
    const db = await createTestDatabase({ withoutDataSource: true });
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  describe('the SMS provider', () => {
    let w: ConvocationWorld;
    beforeAll(async () => {
      w = await world(await freshDatabase());
      await convened(w, 'faults-sms', 8);
      await w.plan();
    });
    afterAll(() => w?.close());

    it('failing for a while: retried with backoff, each SMS delivered once', async () => {
      w.sms.failNext({ count: 5, status: 503 });
      // The answer of one is lost after the provider accepted it: the retry carries the same key.
      await w.drain();
      const pending = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE channel = 'sms' AND kind <> 'reminder' AND status = 'pending' AND outcome = 'transient'`);
      expect(pending[0].n).toBeGreaterThan(0);
      w.sms.failNext({ count: 1, status: 500, acceptFirst: true });
      for (let minutes = 2; minutes <= 60; minutes *= 2) {
        w.clock.set(new Date(new Date(MONDAY_10).getTime() + minutes * 60_000));
        await w.sweep();
        await w.drain();
      }
      expect(await statuses(w)).toEqual(expect.arrayContaining([{ channel: 'sms', status: 'sent', n: 8 }]));
      // The eight convocations, and the reminders already due (appointments two working days away).
      const [{ n: sentSms }] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE channel = 'sms' AND status = 'sent'`);
      expect(w.sms.stats()).toMatchObject({ accepted: sentSms, distinctKeys: sentSms, repeatedKeys: 1 });
      const [transient] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_receipt WHERE status = 'failed-transient'`);
      expect(transient.n).toBe(6);
    });

    it('refusing a number for good: failed, the person listed as unreachable, not retried', async () => {
      const [person] = await w.sql<{ person_id: string; path_id: string }>(
        `SELECT a.person_id, a.path_id FROM convocation_appointment a JOIN notification_message m ON m.appointment_id = a.id AND m.kind = 'reminder' AND m.status = 'pending' LIMIT 1`,
      );
      // The provider's own reason, whatever it is: a refusal for good lists the person.
      w.sms.failNext({ count: 1, status: 422, reason: 'unknown-number' });
      const [reminder] = await w.sql<{ due_at: Date }>(`SELECT due_at FROM notification_message WHERE person_id = $1 AND kind = 'reminder'`, [person.person_id]);
      // Every other reminder due before this one is sent first; then this one is refused.
      await w.sql(`UPDATE notification_message SET due_at = $2 WHERE person_id = $1 AND kind = 'reminder'`, [person.person_id, w.clock.now()]);
      await w.sweep();
      await w.drain();
      expect(await w.sql(`SELECT status, outcome FROM notification_message WHERE person_id = $1 AND kind = 'reminder'`, [person.person_id])).toEqual([{ status: 'failed', outcome: 'unknown-number' }]);
      expect(await w.sql(`SELECT kind, detail->>'reason' AS reason FROM convocation_alert WHERE path_id = $1 AND kind = 'unreachable'`, [person.path_id])).toEqual([{ kind: 'unreachable', reason: 'unknown-number' }]);
      expect(reminder).toBeDefined();
    });

    it('a letter without a postal address: failed, the person listed as unreachable', async () => {
      await w.importDaily(40, 'faults-address', '2026-12-07');
      const [path] = await w.sql<{ id: string; dossier_id: string }>(
        `SELECT p.id, p.dossier_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id JOIN access_territory_commune tc ON tc.insee = d.commune_insee
          WHERE tc.territory_id = 'lille' AND NOT EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id) LIMIT 1`,
      );
      await w.sql(`UPDATE beneficiary_dossier SET addresses = '[]' WHERE id = $1`, [path.dossier_id]);
      await w.plan();
      await w.drain();
      expect(await w.sql(`SELECT status, outcome FROM notification_message WHERE path_id = $1 AND channel = 'letter'`, [path.id])).toEqual([{ status: 'failed', outcome: 'no-postal-address' }]);
      expect(await w.sql(`SELECT count(*)::int AS n FROM convocation_alert WHERE path_id = $1 AND kind = 'unreachable'`, [path.id])).toEqual([{ n: 1 }]);
    });
  });

  describe('Redis restarted, its queues lost', () => {
    let redis: ChildProcess | null = null;
    let port: number;
    let w: ConvocationWorld;
    const startRedis = () => {
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      return waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG');
    };

    beforeAll(async () => {
      port = await freePort();
      await startRedis();
      w = await world(await freshDatabase(), { redisUrl: `redis://127.0.0.1:${port}` });
      await convened(w, 'faults-redis', 6, 3);
    });
    afterAll(async () => {
      await w?.close();
      redis?.kill('SIGKILL');
    });

    it('sends everything once, from the outbox, when Redis is back', async () => {
      await w.plan();
      const queued = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE status = 'pending' AND due_at <= $1`, [w.clock.now()]);
      expect(queued[0].n).toBeGreaterThan(9);
      // Redis goes away with every queued job.
      spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
      await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).status !== 0);
      await startRedis();
      const queues = w.app.get<Queue>(getQueueToken(QUEUES.notifications));
      await waitFor(async () => (await queues.getWaitingCount().catch(() => -1)) === 0);
      expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE status = 'sent'`)).toEqual([{ n: 0 }]);
      // The sweeper finds what the queue lost.
      await w.sweep();
      await w.drain();
      expect(await w.sql(`SELECT count(*)::int AS n FROM notification_message WHERE status = 'pending' AND due_at <= $1`, [w.clock.now()])).toEqual([{ n: 0 }]);
      const [{ n: sentSms }] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE channel = 'sms' AND status = 'sent'`);
      expect(sentSms).toBeGreaterThanOrEqual(6);
      expect(w.sms.stats()).toMatchObject({ accepted: sentSms, repeatedKeys: 0 });
      expect(w.smtp.stats()).toMatchObject({ submissions: 3, duplicateSubmissions: 0 });
    });
  });

  describe('a worker dying at midnight, its letters written but not recorded', () => {
    let w: ConvocationWorld;
    beforeAll(async () => {
      w = await world(await freshDatabase());
      await convened(w, 'faults-midnight', 0);
      await w.plan();
    });
    afterAll(() => w?.close());

    it('retried the next day: the same files, dated and filed under the first day, none written again', async () => {
      // Monday 23:58: a batch of letters is written to the print folder, then the worker dies before recording them.
      w.clock.set(new Date('2026-12-07T23:58:00+01:00'));
      const ids = (await w.sql<{ id: string }>(`SELECT id FROM notification_message WHERE channel = 'letter' AND status = 'pending' AND due_at <= $1 ORDER BY id LIMIT 5`, [w.clock.now()])).map((r) => r.id);
      expect(ids).toHaveLength(5);
      const written: string[] = [];
      class DyingLetterChannel extends PdfLetterChannel {
        override async send(notice: Notice): Promise<never> {
          written.push((await super.send(notice)).path);
          return new Promise<never>(() => undefined);
        }
      }
      const dying = new MessageSender(
        pgPoolOf(w.app.get(DataSource)),
        { letter: new DyingLetterChannel({ printDir: w.printDir }), email: w.app.get(EmailChannel), sms: w.app.get(SmsChannel) },
        w.app.get(AccessPolicy),
        w.clock,
        w.app.get(Metrics),
      );
      void dying.sendBatch(workerActor('convocation'), ids);
      await waitFor(() => written.length === 5);
      expect(written.every((path) => path.startsWith(join(w.printDir, '2026-12-07')))).toBe(true);
      const before = await Promise.all(written.map(async (path) => (await stat(path)).mtimeMs));
      expect(await w.sql(`SELECT status, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, count(*)::int AS n FROM notification_message WHERE id = ANY($1::uuid[]) GROUP BY 1, 2`, [ids])).toEqual([
        { status: 'sending', issued_on: '2026-12-07', n: 5 },
      ]);

      // Tuesday 00:10: the sweeper takes the claims back, another worker sends what is left.
      w.clock.set(new Date('2026-12-08T00:10:00+01:00'));
      await w.sweep();
      await w.drain();
      expect(await w.sql(`SELECT status, count(*)::int AS n FROM notification_message WHERE id = ANY($1::uuid[]) GROUP BY 1`, [ids])).toEqual([{ status: 'sent', n: 5 }]);
      // The five letters are Monday's files, untouched; Tuesday's folder holds only the letters first written on Tuesday.
      expect(await Promise.all(written.map(async (path) => (await stat(path)).mtimeMs))).toEqual(before);
      expect(pdfText(await readFile(written[0]))).toContain('Le 7 décembre 2026');
      const monday = await readdir(join(w.printDir, '2026-12-07'));
      const tuesday = await readdir(join(w.printDir, '2026-12-08')).catch(() => [] as string[]);
      expect(monday).toHaveLength(5);
      expect(tuesday.filter((name) => monday.includes(name))).toEqual([]);
      const [letters] = await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE channel = 'letter' AND status = 'sent'`);
      expect(monday.length + tuesday.length).toBe(letters.n);
      expect(await w.sql(`SELECT count(*)::int AS n FROM notification_receipt r JOIN notification_message m ON m.id = r.message_id WHERE m.id = ANY($1::uuid[])`, [ids])).toEqual([{ n: 5 }]);
    });
  });

  describe('the worker killed in the middle of a batch', () => {
    let w: ConvocationWorld;
    let worker: ChildProcess | null = null;
    const startWorker = (clockStart: Date) => {
      const env = {
        ...workerEnvironment(w),
        CLOCK_START: clockStart.toISOString(),
      };
      worker = spawn(process.execPath, [join(projectRoot(), 'dist', 'apps', 'worker', 'src', 'main.js')], { env, stdio: 'ignore' });
      return worker;
    };

    beforeAll(async () => {
      w = await world(await freshDatabase());
      await convened(w, 'faults-kill', 60, 40);
      await w.plan();
    });
    afterAll(async () => {
      worker?.kill('SIGKILL');
      await w?.close();
    });

    // Two worker processes boot and run here: generous on a loaded machine.
    jest.setTimeout(180_000);

    it('loses nothing and sends nothing twice', async () => {
      const total = (await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE due_at <= $1`, [w.clock.now()]))[0].n;
      const sent = async () => (await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE status = 'sent'`))[0].n;
      // Slow answers keep messages in flight when the worker dies.
      w.sms.failNext({ count: 4, status: 'timeout', acceptFirst: true });
      startWorker(w.clock.now());
      await waitFor(async () => (await sent()) >= total / 3, 90_000);
      worker?.kill('SIGKILL');
      await new Promise((resolve) => worker?.once('exit', resolve));
      const inFlight = (await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE status = 'sending'`))[0].n;
      expect(await sent()).toBeLessThan(total);

      // Ten minutes later, the sweeper takes the abandoned claims back; a new worker sends the rest.
      w.clock.set(new Date(w.clock.now().getTime() + 11 * 60_000));
      await w.sweep();
      startWorker(w.clock.now());
      await waitFor(async () => (await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification_message WHERE due_at <= $1 AND status IN ('pending', 'sending')`, [w.clock.now()]))[0].n === 0, 120_000);
      worker?.kill('SIGTERM');

      const messages = await w.sql<{ channel: string; n: number }>(`SELECT channel, count(*)::int AS n FROM notification_message WHERE status = 'sent' GROUP BY channel ORDER BY channel`);
      const byChannel = Object.fromEntries(messages.map((m) => [m.channel, m.n]));
      expect(byChannel.sms + byChannel.email + byChannel.letter).toBeGreaterThanOrEqual(total);
      // SMS: the provider saw each key once or answered a repeat with its first answer.
      expect(w.sms.stats()).toMatchObject({ accepted: byChannel.sms, distinctKeys: byChannel.sms });
      // Email: one message per Message-ID reaches the mailbox; a resubmission can only be one that was in flight.
      expect(w.smtp.stats().distinctMessageIds).toBe(byChannel.email);
      expect(w.smtp.stats().duplicateSubmissions).toBeLessThanOrEqual(inFlight);
      // Letters: one file each.
      const [files] = await w.sql<{ n: number }>(`SELECT count(DISTINCT dedupe_key)::int AS n FROM notification_message WHERE channel = 'letter' AND status = 'sent'`);
      expect(files.n).toBe(byChannel.letter);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Timed out waiting');
}

/** The environment of a worker process pointed at this test's database, queues and peers. */
function workerEnvironment(w: ConvocationWorld): NodeJS.ProcessEnv {
  const c = w.config;
  return {
    // eslint-disable-next-line no-restricted-properties -- the worker process needs the same PATH to find node's tools
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    DATABASE_URL: c.databaseUrl,
    REDIS_URL: c.redisUrl,
    QUEUE_PREFIX: c.queuePrefix,
    SMTP_URL: c.notifications.smtpUrl,
    SMS_PROVIDER_URL: c.notifications.smsProviderUrl,
    SMS_PROVIDER_API_KEY: c.notifications.smsApiKey,
    CONVOCATION_PRINT_DIR: c.notifications.printDir,
    METRICS_PORT: '0',
    LOG_LEVEL: 'error',
  };
}

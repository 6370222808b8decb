import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  createDatabaseIfMissing,
  dropDatabaseIfExists,
  loadAppConfig,
  projectRoot,
  redisOptionsFromUrl,
  withDatabaseName,
  type AppConfig,
} from '@rsa/platform';
import { PLAN_CONVOCATIONS_JOB } from '@rsa/convocation';
import { LocalSmtpServer, SmsProviderSimulator } from '@rsa/testing';

/**
 * npm run bench:convocations — issue "Convocations" figures: 10,000 entrants of a daily file planned
 * and their messages sent (letters to the print folder, emails to a local SMTP server, SMS to the
 * provider simulator) by real worker processes, from the moment the planning job is queued to the
 * moment nothing due is left. Prints throughput and duplicates; target <= 60 s, zero duplicates.
 * Options: --households N (default 14500, about 10,000 entrants), --workers N (default 2), --keep (the
 * database stays, to look into), --profile DIR (each worker writes a CPU profile there when it stops).
 */
const root = projectRoot();
const dist = join(root, 'dist');
const work = join(root, 'var', 'bench', 'convocations');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const HOUSEHOLDS = option('households', 14_500);
const WORKERS = option('workers', 2);
const PROFILE_DIR = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : null;
/** A Monday morning: the notification date of the file, and the time the workers live in. */
const FILE_DATE = '2027-01-11';
/** Made before CLOCK_START: a file dated later than now is refused (FUTURE_DATED). */
const FILE_TIME = '06:30:00.0000';
const CLOCK_START = '2027-01-11T09:30:00+01:00';

const base = loadAppConfig();
const databaseUrl = withDatabaseName(base.databaseUrl, 'rsa_bench_convocations');
const prefix = `rsa-bench-${process.pid}`;

function cli(command: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, ['--expose-gc', join(dist, 'apps', 'cli', 'src', 'main.js'), ...command], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function main(): Promise<void> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const printDir = join(work, 'letters');
  console.log(`convocation benchmark: ${HOUSEHOLDS} households, ${WORKERS} worker process(es) (machine: ${cpus().length} cores)`);

  await dropDatabaseIfExists(databaseUrl);
  await createDatabaseIfMissing(databaseUrl);
  const config: AppConfig = base.with({ databaseUrl });
  const migrate = new DataSource(buildDataSourceOptions(config, { applicationName: 'rsa-bench-migrate' }));
  await migrate.initialize();
  await migrate.runMigrations({ transaction: 'each' });
  await migrate.destroy();

  const smtp = await new LocalSmtpServer().start();
  const sms = await new SmsProviderSimulator({ apiKey: config.notifications.smsApiKey }).start();
  // eslint-disable-next-line no-restricted-properties -- the child processes get this process's environment, pointed at the bench's database, queues and peers
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, SMS_PROVIDER_URL: sms.url, CONVOCATION_PRINT_DIR: printDir, LOG_LEVEL: 'warn', METRICS_PORT: '0', CLOCK_START };

  // Set-up (not timed): the file, the organisation, places with room, contacts and consent.
  const file = join(work, 'daily.xml');
  execFileSync(process.execPath, [join(dist, 'apps', 'cli', 'src', 'gen-caf.js'), '--households', String(HOUSEHOLDS), '--kind', 'daily', '--seed', 'bench-convocations', '--date', FILE_DATE, '--time', FILE_TIME, '--out', file, '--no-manifest-detail'], { env, stdio: 'ignore' });
  cli(['intake:import', file, '--json'], env);
  cli(['auth:init'], env);
  cli(['org:seed-demo', '--json'], { ...env, CLOCK_START: '2027-01-08T12:00:00+01:00' });
  const pool = new Pool({ connectionString: databaseUrl });
  await roomForEveryone(pool);
  const consents = await giveContacts(pool);
  const [{ n: entrants }] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM beneficiary_path WHERE origin = 'flux' AND status = 'open'`)).rows;

  const workers: ChildProcess[] = [];
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  for (let i = 0; i < WORKERS; i++) workers.push(spawn(process.execPath, ['--expose-gc', ...profile, join(dist, 'apps', 'worker', 'src', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
  await new Promise((resolve) => setTimeout(resolve, 4_000)); // the workers boot and register their schedules

  const queue = new Queue(PLAN_CONVOCATIONS_JOB.queue, { connection: redisOptionsFromUrl(config.redisUrl), prefix });
  const started = Date.now();
  await queue.add(PLAN_CONVOCATIONS_JOB.name, {}, { jobId: `bench-plan-${started}` });
  // The workers' clocks started at CLOCK_START when they booted, a few seconds ago: a minute ahead covers them.
  const offset = new Date(CLOCK_START).getTime() - Date.now() + 60_000;
  let lastProgress = 0;
  // Polling is kept light (it shares the machine with what it measures): the planned count until all are, then the due count.
  let untracked = entrants;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = new Date(Date.now() + offset);
    if (untracked > 0) {
      untracked = (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM beneficiary_path p WHERE p.origin = 'flux' AND p.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM convocation_track t WHERE t.path_id = p.id AND t.state IN ('convened', 'no-slot', 'closed'))`,
        )
      ).rows[0].n;
    }
    const [state] = (
      await pool.query<{ due: number; sending: number }>(
        `SELECT count(*) FILTER (WHERE status = 'pending' AND due_at <= $1)::int AS due, count(*) FILTER (WHERE status = 'sending')::int AS sending
           FROM notification_message WHERE (status = 'pending' AND due_at <= $1) OR status = 'sending'`,
        [now],
      )
    ).rows;
    if (Date.now() - lastProgress > 5_000) {
      lastProgress = Date.now();
      console.log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${entrants - untracked} of ${entrants} planned, ${state.due + state.sending} messages due or being sent`);
    }
    if (untracked === 0 && state.due === 0 && state.sending === 0) break;
    if (Date.now() - started > 600_000) {
      // Stopped with it: workers left running would take the next run's jobs (same queue prefix and database name).
      for (const w of workers) w.kill('SIGTERM');
      throw new Error('Not done after 10 minutes');
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve).kill('SIGTERM'))));
  await queue.close();

  const byChannel = Object.fromEntries(
    (await pool.query<{ channel: string; n: number }>(`SELECT channel, count(*)::int AS n FROM notification_message WHERE status = 'sent' GROUP BY channel`)).rows.map((r) => [r.channel, r.n]),
  ) as Record<string, number>;
  // `closed`: the demo organisation's twelve people already diagnosed and oriented, whom the planner does not convene.
  const [tracks] = (await pool.query<{ convened: number; noslot: number; late: number; closed: number }>(
    `SELECT count(*) FILTER (WHERE t.state = 'convened')::int AS convened, count(*) FILTER (WHERE t.state = 'no-slot')::int AS noslot,
            count(*) FILTER (WHERE t.state = 'closed')::int AS closed,
            count(*) FILTER (WHERE (a.starts_at AT TIME ZONE 'Europe/Paris')::date > p.convocation_deadline)::int AS late
       FROM convocation_track t JOIN beneficiary_path p ON p.id = t.path_id LEFT JOIN convocation_appointment a ON a.id = t.appointment_id`,
  )).rows;
  const [twice] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT path_id FROM convocation_appointment WHERE status IN ('planned', 'confirmed', 'moved') GROUP BY path_id, kind HAVING count(*) > 1) x`)).rows;
  mkdirSync(printDir, { recursive: true });
  const letterFiles = readdirSync(printDir, { recursive: true }).filter((f) => String(f).endsWith('.pdf')).length;
  const smsStats = sms.stats();
  const smtpStats = smtp.stats();
  const duplicates = {
    appointmentsPerPath: twice.n,
    sms: smsStats.accepted - smsStats.distinctKeys + smsStats.repeatedKeys,
    emailSubmissions: smtpStats.duplicateSubmissions,
    letters: letterFiles - (byChannel.letter ?? 0),
  };
  const totalSent = (byChannel.letter ?? 0) + (byChannel.email ?? 0) + (byChannel.sms ?? 0);
  const rows: [string, string][] = [
    ['entrants', `${entrants} (convened ${tracks.convened}, no slot ${tracks.noslot}, late ${tracks.late}, already diagnosed and not convened ${tracks.closed}); ${consents.sms} with SMS consent, ${consents.email} with email consent`],
    ['planned and sent', `${elapsed.toFixed(1)} s (${(entrants / elapsed).toFixed(0)} entrants/s, ${(totalSent / elapsed).toFixed(0)} messages/s)`],
    ['messages', `${byChannel.letter ?? 0} letters (${letterFiles} PDF files), ${byChannel.email ?? 0} emails (${smtpStats.submissions} SMTP submissions), ${byChannel.sms ?? 0} SMS (${smsStats.accepted} accepted)`],
    ['duplicates', JSON.stringify(duplicates)],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(18)} ${v}`);
  const checks = [
    { target: `10,000 entrants planned and sent <= 60 s`, value: elapsed, limit: 60, pass: elapsed <= 60 && entrants >= 10_000 },
    { target: 'zero duplicates', value: Object.values(duplicates).reduce((a, b) => a + b, 0), limit: 0, pass: Object.values(duplicates).every((d) => d === 0) },
  ];
  console.log('');
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.target.padEnd(40)} ${c.value.toFixed(1)}`);
  writeFileSync(join(root, 'var', 'bench', 'convocations-bench.json'), JSON.stringify({ at: new Date().toISOString(), households: HOUSEHOLDS, workers: WORKERS, entrants, elapsed, byChannel, duplicates, tracks, checks }, null, 2));
  await pool.end();
  await smtp.stop();
  await sms.stop();
  if (!args.includes('--keep')) await dropDatabaseIfExists(databaseUrl);
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
}

/**
 * Each territory's place gets a large collective orientation agenda (100 people, five sessions a
 * day over the deadline): the benchmark measures planning and sending, not a shortage of slots.
 */
async function roomForEveryone(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO convocation_agenda (id, place_id, name, kind, reception, duration_minutes, capacity, expected_roles)
     SELECT gen_random_uuid(), id, 'Information collective (benchmark)', 'orientation', 'collective', 90, 100, '{}' FROM convocation_place`,
  );
  await pool.query(
    `INSERT INTO convocation_slot (id, agenda_id, place_id, territory_id, kind, reception, starts_at, duration_minutes, capacity)
     SELECT gen_random_uuid(), a.id, a.place_id, p.territory_id, 'orientation', 'collective', (d + t) AT TIME ZONE 'Europe/Paris', 90, 100
       FROM convocation_agenda a JOIN convocation_place p ON p.id = a.place_id
      CROSS JOIN generate_series(DATE '2027-01-13', DATE '2027-01-26', interval '1 day') AS d
      CROSS JOIN (VALUES (time '09:00'), (time '10:45'), (time '13:30'), (time '15:15')) AS times(t)
      WHERE a.name = 'Information collective (benchmark)' AND extract(isodow FROM d) < 6`,
  );
}

/** 60% of the entrants get a mobile number with SMS consent, 30% an email with consent. */
async function giveContacts(pool: Pool): Promise<{ sms: number; email: number }> {
  const result = await pool.query<{ sms: boolean; email: boolean }>(
    `INSERT INTO beneficiary_contact (person_id, phone, email, sms_consent, email_consent, consent_at, updated_at, updated_by)
     SELECT p.person_id,
            CASE WHEN r % 10 < 6 THEN '+336' || lpad((r % 100000000)::text, 8, '0') END,
            CASE WHEN r % 10 >= 6 AND r % 10 < 9 THEN 'personne.' || r || '@example.org' END,
            r % 10 < 6, r % 10 >= 6 AND r % 10 < 9, now(), now(), 'bench'
       FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS r FROM beneficiary_path WHERE origin = 'flux' AND status = 'open') p
     ON CONFLICT (person_id) DO NOTHING
     RETURNING sms_consent AS sms, email_consent AS email`,
  );
  return { sms: result.rows.filter((r) => r.sms).length, email: result.rows.filter((r) => r.email).length };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

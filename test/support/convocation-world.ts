import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addDays, Clock, ManualClock, Permission, systemActor, type Actor } from '@rsa/kernel';
import type { SeedResult } from '@rsa/access';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { AgendaCommands, ConvocationModule } from '@rsa/convocation';
import { AuditedImport, IntakeModule, type ImportReport } from '@rsa/intake';
import { OrientationModule } from '@rsa/orientation';
import { pgPoolOf, QUEUES, type AppConfig } from '@rsa/platform';
import {
  buildHeader,
  createTestDatabase,
  createTestQueues,
  generateCafFile,
  LocalSmtpServer,
  SmsProviderSimulator,
  writeVrsbFile,
  type GenHousehold,
  type GenManifest,
  type TestDatabase,
  type TestQueues,
} from '@rsa/testing';
import { PlanConvocationsProcessor, ReleaseCampaignsProcessor, SendMessageProcessor, SweepMessagesProcessor } from '../../apps/worker/src/processors/convocation.processor';
import { intakeWorker, seedOrganisation, startApi } from './api';

/** Everything a convocation scenario needs: the API with the worker's processors, local peers, a clock the test moves. */
export interface ConvocationWorld {
  app: INestApplication;
  config: AppConfig;
  queues: TestQueues;
  clock: ManualClock;
  smtp: LocalSmtpServer;
  sms: SmsProviderSimulator;
  seed: SeedResult;
  printDir: string;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs queued jobs (convocations, notifications) with the worker's processors until none is left. */
  drain(): Promise<number>;
  plan(): Promise<unknown>;
  sweep(): Promise<unknown>;
  /** Releases the reprise campaigns' next people, as the worker's daily job does. */
  release(): Promise<{ campaigns: number; released: number }>;
  /** Imports a generated daily file dated `date`. */
  importDaily(households: number, seed: string, date: string): Promise<GenManifest>;
  /**
   * Imports these households, as a daily file `name` made on `date` at 21:00 by the CAF `seed` names;
   * or a monthly one, made on `date` for the month before.
   */
  importHouseholds(name: string, seed: string, date: string, households: GenHousehold[], kind?: 'daily' | 'monthly'): Promise<ImportReport>;
  /** Imports a generated monthly (stock) file dated `date`. */
  importMonthly(households: number, seed: string, date: string): Promise<GenManifest>;
  /** Places with an individual and a collective orientation agenda, slots from `from` to `to`. */
  openAgendas(territoryIds: string[], from: string, to: string): Promise<void>;
  /** Gives some people a phone (and email) with consent. */
  consent(personIds: string[], channels: { sms?: boolean; email?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export const seeder: Actor = systemActor('test:seed', 'cli', [Permission.AgendaManage, Permission.AppointmentRead, Permission.BeneficiaryRectify, Permission.ConvocationManage]);

/** `orientation`: the orientation context loaded too, as in the API and the worker (its diagnostics and decisions count for the planner). */
export async function buildConvocationWorld(db: TestDatabase, start: string, patch: Partial<AppConfig> = {}, options: { orientation?: boolean } = {}): Promise<ConvocationWorld> {
  const smtp = await new LocalSmtpServer().start();
  const queues = createTestQueues({ config: db.config.with(patch) });
  const sms = await new SmsProviderSimulator({ apiKey: queues.config.notifications.smsApiKey }).start();
  const dir = mkdtempSync(join(tmpdir(), 'rsa-convocation-'));
  const printDir = join(dir, 'letters');
  const config = queues.config.with({
    intake: { ...db.config.intake, storageDir: join(dir, 'files'), dropDir: join(dir, 'drop') },
    notifications: { ...queues.config.notifications, smtpUrl: smtp.url, smsProviderUrl: sms.url, printDir },
  });
  const clock = new ManualClock(start);
  const app = await startApi(config, {
    imports: options.orientation ? [IntakeModule, ConvocationModule, OrientationModule] : [IntakeModule, ConvocationModule],
    providers: [PlanConvocationsProcessor, SendMessageProcessor, SweepMessagesProcessor, ReleaseCampaignsProcessor],
    overrides: [{ provide: Clock, useValue: clock }],
  });
  const seed = await seedOrganisation(app);
  const pool = pgPoolOf(app.get(DataSource));
  const sql = async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[];
  const planner = app.get(PlanConvocationsProcessor);
  const sender = app.get(SendMessageProcessor);
  const sweeper = app.get(SweepMessagesProcessor);
  const releaser = app.get(ReleaseCampaignsProcessor);
  const queue = (name: string) => app.get<Queue>(getQueueToken(name));

  const drain = async () => {
    let ran = 0;
    for (let round = 0; round < 50; round++) {
      let any = false;
      for (const name of [QUEUES.convocations, QUEUES.notifications]) {
        const jobs = (await queue(name).getJobs(['waiting', 'prioritized', 'delayed'])) as Job[];
        for (const job of jobs.sort((a, b) => a.timestamp - b.timestamp)) {
          any = true;
          ran++;
          if (job.name === 'notifications:send-messages') await sender.process(job as Job<{ messageIds: string[] }>);
          else if (job.name === 'notifications:sweep') await sweeper.process();
          else if (job.name === 'convocation:plan') await planner.process();
          else if (job.name === 'convocation:release-campaigns') await releaser.process();
          await job.remove();
        }
      }
      if (!any) return ran;
    }
    throw new Error('The queues did not empty');
  };

  return {
    app,
    config,
    queues,
    clock,
    smtp,
    sms,
    seed,
    printDir,
    sql,
    drain,
    plan: () => planner.process(),
    sweep: () => sweeper.process(),
    release: () => releaser.process(),
    async importDaily(households, seedName, date) {
      const manifest = await generateCafFile({ households, kind: 'daily', seed: seedName, out: join(dir, `${seedName}.xml`), date });
      await app.get(AuditedImport).run(intakeWorker(), { path: manifest.path, channel: 'cli' });
      return manifest;
    },
    async importHouseholds(name, seedName, date, households, kind = 'daily') {
      const path = join(dir, `${name}.xml`);
      const covers = kind === 'daily' ? date : addDays(`${date.slice(0, 8)}01`, -15);
      await writeVrsbFile(path, buildHeader(seedName, kind, covers, { date, time: kind === 'daily' ? '21:00:00.0000' : '01:10:00.0000' }), households);
      return app.get(AuditedImport).run(intakeWorker(), { path, channel: 'cli' });
    },
    async importMonthly(households, seedName, date) {
      const manifest = await generateCafFile({ households, kind: 'monthly', seed: seedName, out: join(dir, `${seedName}.xml`), date });
      await app.get(AuditedImport).run(intakeWorker(), { path: manifest.path, channel: 'cli' });
      return manifest;
    },
    async openAgendas(territoryIds, from, to) {
      const agenda = app.get(AgendaCommands);
      for (const territoryId of territoryIds) {
        const place = await agenda.createPlace(seeder, {
          territoryId,
          name: `MNE ${territoryId}`,
          addressLines: ['1 place de la République'],
          postcode: '59000',
          city: 'Lille',
          contactPhone: '03 53 48 10 00',
          contactHours: 'du lundi au vendredi, de 9 h à 17 h',
          openingHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
            { weekday, from: '08:30', to: '12:30' },
            { weekday, from: '13:30', to: '17:00' },
          ]),
        });
        const individual = await agenda.createAgenda(seeder, place.id, { name: 'Co-diagnostic', kind: 'orientation', reception: 'individual', durationMinutes: 60, capacity: 1, expectedRoles: ['ft_counsellor', 'referent'] });
        const collective = await agenda.createAgenda(seeder, place.id, { name: 'Information collective', kind: 'orientation', reception: 'collective', durationMinutes: 120, capacity: 10 });
        await agenda.generateSlots(seeder, individual.id, { from, to, times: ['09:00', '10:15', '11:30', '14:00', '15:15'] });
        await agenda.generateSlots(seeder, collective.id, { from, to, times: ['09:30', '14:30'] });
      }
    },
    async consent(personIds, channels) {
      const changes = app.get(BeneficiaryChanges);
      for (const [i, personId] of personIds.entries()) {
        await changes.updateContact(seeder, personId, {
          // Valid mobile numbers that only ever reach the local SMS simulator.
          phone: channels.sms ? `+3360000${String(i).padStart(4, '0')}` : undefined,
          smsConsent: channels.sms ? true : undefined,
          email: channels.email ? `personne.${i}@example.org` : undefined,
          emailConsent: channels.email ? true : undefined,
        });
      }
    },
    async close() {
      await app.close();
      await queues.cleanup();
      await smtp.stop();
      await sms.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the set-up and tear-down of a convocation spec on a database of its own: the world at
 * `start`, with agendas open in `territoryIds` from `from` to `to`; `set` receives it once built.
 */
export function convocationWorldHooks(
  start: string,
  agendas: { territoryIds: string[]; from: string; to: string },
  set: (world: ConvocationWorld) => void,
  options: { orientation?: boolean } = {},
): void {
  let db: TestDatabase | undefined;
  let world: ConvocationWorld | undefined;
  beforeAll(async () => {
    db = await createTestDatabase({ withoutDataSource: true });
    world = await buildConvocationWorld(db, start, {}, options);
    await world.openAgendas(agendas.territoryIds, agendas.from, agendas.to);
    set(world);
  });
  afterAll(async () => {
    await world?.close();
    await db?.drop();
  });
}

import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addDays, parisDateOf, Permission, Role, systemActor, type Actor } from '@rsa/kernel';
import { AgendaCommands, ConvocationModule, ConvocationPlanner } from '@rsa/convocation';
import type { SeedResult } from '@rsa/access';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { AuditedImport, IntakeModule } from '@rsa/intake';
import { pgPoolOf, type AppConfig, type SqlRunner } from '@rsa/platform';
import { createTestQueues, DEMO_SUBJECTS, generateCafFile, type TestDatabase, type TestQueues } from '@rsa/testing';
import { intakeWorker, seedOrganisation, startApi, tokenFor } from './api';

/** The demo account that holds each role. */
export const SUBJECT_OF_ROLE: Record<Role, string> = {
  [Role.Referent]: DEMO_SUBJECTS.referentRoubaix,
  [Role.Coordinator]: DEMO_SUBJECTS.coordinatorRoubaix,
  [Role.ProjectTeam]: DEMO_SUBJECTS.projectTeamRoubaix,
  [Role.FtCounsellor]: DEMO_SUBJECTS.ftCounsellorRoubaix,
  [Role.PartnerOperator]: DEMO_SUBJECTS.partnerOperator,
  [Role.Administrator]: DEMO_SUBJECTS.administrator,
  [Role.Auditor]: DEMO_SUBJECTS.auditor,
  [Role.IntakeOperator]: DEMO_SUBJECTS.intakeOperator,
  [Role.CallCentre]: DEMO_SUBJECTS.callCentre,
};

export interface AccessFixture {
  app: INestApplication;
  dir: string;
  config: AppConfig;
  queues: TestQueues;
  seed: SeedResult;
  /** A token per role (the auditor's with a second factor: config/.env.test requires it). */
  tokens: Record<Role, string>;
  /** Coordinator of the whole Département with the export permission (the DPO). */
  dpoToken: string;
  /** A Roubaix person shared with the demo referent, France Travail Roubaix and the IOD operator. */
  shared: string;
  /** Another Roubaix person, shared with nobody. */
  unshared: string;
  /** A person of Lille. */
  lille: string;
  fileId: string;
  rejectId: string;
  /** Roubaix-Tourcoing's place and its individual orientation agenda (slots for six weeks). */
  placeId: string;
  agendaId: string;
  /** What the system does in convocation tests' set-up (book, cancel, create alerts…). */
  convocationActor: Actor;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * An API on its own database with the demo organisation, a daily CAF file imported (with one
 * rejected household), and three people the access tests reason about.
 */
export async function buildAccessFixture(db: TestDatabase, patch: Partial<AppConfig> = {}): Promise<AccessFixture> {
  const queues = createTestQueues({ config: db.config });
  const dir = mkdtempSync(join(tmpdir(), 'rsa-access-'));
  const config = queues.config.with({ ...patch, intake: { ...db.config.intake, storageDir: join(dir, 'files'), dropDir: join(dir, 'drop') } });
  const app = await startApi(config, { imports: [IntakeModule, ConvocationModule] });
  const seed = await seedOrganisation(app);
  const pool = pgPoolOf(app.get(DataSource));
  const sql = async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[];

  const today = parisDateOf(new Date());
  const manifest = await generateCafFile({ households: 120, kind: 'daily', seed: 'access-fixture', out: join(dir, 'daily.xml'), date: today, faults: ['invalid-date'] });
  const report = await app.get(AuditedImport).run(intakeWorker(), { path: manifest.path, channel: 'cli' });
  const [reject] = await sql<{ id: string }>(`SELECT id::text FROM intake_reject WHERE file_id = $1`, [report.fileId]);

  // People with an open path and a valid NIR (so every door of their file opens for whoever may).
  const inTerritory = (territory: string) =>
    sql<{ person_id: string }>(
      `SELECT DISTINCT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
         JOIN beneficiary_person pe ON pe.id = p.person_id AND pe.nir_status = 'valid'
         JOIN access_territory_commune tc ON tc.insee = d.commune_insee WHERE tc.territory_id = $1 ORDER BY p.person_id LIMIT 2`,
      [territory],
    );
  const [shared, unshared] = (await inTerritory('roubaix-tourcoing')).map((r) => r.person_id);
  const [lille] = (await inTerritory('lille')).map((r) => r.person_id);
  if (!shared || !unshared || !lille) throw new Error('The fixture file has too few people in Roubaix-Tourcoing or Lille: change its seed');

  const seeder = systemActor('test:seed', 'cli', [Permission.AccessGrant]);
  const changes = app.get(BeneficiaryChanges);
  await changes.share(seeder, shared, { professionalId: seed.professionalIds[DEMO_SUBJECTS.referentRoubaix], basis: 'referent', reasonCode: 'portfolio' });
  await changes.share(seeder, shared, { structureId: seed.structureIds['FT-ROUBAIX'], basis: 'shared', reasonCode: 'france-travail-registration' });
  await changes.share(seeder, shared, { structureId: seed.structureIds['IOD-METROPOLE'], basis: 'assigned-operator', reasonCode: 'operator-assignment' });

  // Convocations: a place, an agenda and its slots in Roubaix-Tourcoing; the territory's entrants convened.
  const convocationActor = systemActor('test:seed', 'cli', [
    Permission.AgendaManage, Permission.AppointmentRead, Permission.AppointmentManage, Permission.ConvocationManage, Permission.ConvocationRun,
  ]);
  const agenda = app.get(AgendaCommands);
  const place = await agenda.createPlace(convocationActor, {
    territoryId: 'roubaix-tourcoing',
    name: 'MNE Roubaix',
    addressLines: ['10 boulevard du Général Leclerc'],
    postcode: '59100',
    city: 'Roubaix',
    contactPhone: '03 53 48 10 02',
    contactHours: 'du lundi au vendredi, de 9 h à 17 h',
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:30', to: '17:00' })),
  });
  const individual = await agenda.createAgenda(convocationActor, place.id, { name: 'Co-diagnostic', kind: 'orientation', reception: 'individual', durationMinutes: 60, capacity: 1 });
  await agenda.generateSlots(convocationActor, individual.id, { from: addDays(today, 1), to: addDays(today, 45), times: ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'] });
  await app.get(ConvocationPlanner).run(convocationActor);

  const tokens = {} as Record<Role, string>;
  for (const [role, subject] of Object.entries(SUBJECT_OF_ROLE) as [Role, string][]) tokens[role] = await tokenFor(config, subject, { mfa: role === Role.Auditor });
  const dpoToken = await tokenFor(config, DEMO_SUBJECTS.dpo);
  return {
    app, dir, config, queues, seed, tokens, dpoToken, shared, unshared, lille, fileId: report.fileId, rejectId: reject.id,
    placeId: place.id, agendaId: individual.id, convocationActor, sql,
  };
}

export async function closeAccessFixture(fixture: AccessFixture | undefined): Promise<void> {
  await fixture?.app.close();
  await fixture?.queues.cleanup();
}

/** The fixture's database as a SqlRunner, for the contexts' writers that take one (OrientationPeriods…). */
export const runnerOf = (f: AccessFixture): SqlRunner => ({ query: (text, params) => f.sql(text, params) });

const taken = new WeakMap<AccessFixture, Set<string>>();

/**
 * A Roubaix-Tourcoing person with an open path that no part of the matrix has taken yet: not the
 * fixture's shared or unshared person, never oriented, and never diagnosed when `undiagnosed`.
 * Each call takes a new one, whichever part asks, so the parts never share a person by chance.
 */
export async function untakenPerson(f: AccessFixture, purpose: string, options: { undiagnosed?: boolean } = {}): Promise<string> {
  let used = taken.get(f);
  if (!used) taken.set(f, (used = new Set()));
  const [row] = await f.sql<{ person_id: string }>(
    `SELECT DISTINCT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
       JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = 'roubaix-tourcoing'
      WHERE p.status = 'open' AND p.person_id <> ALL($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM orientation_period op WHERE op.person_id = p.person_id)
        ${options.undiagnosed ? 'AND NOT EXISTS (SELECT 1 FROM orientation_diagnostic od WHERE od.person_id = p.person_id)' : ''}
      ORDER BY p.person_id LIMIT 1`,
    [[f.shared, f.unshared, ...used]],
  );
  if (!row) throw new Error(`The access fixture has no Roubaix-Tourcoing person left for ${purpose}`);
  used.add(row.person_id);
  return row.person_id;
}

/** The structure of a demo professional's (first) habilitation. */
export async function structureOfProfessional(f: AccessFixture, professionalId: string): Promise<string> {
  const [row] = await f.sql<{ structure_id: string }>(`SELECT structure_id FROM access_habilitation WHERE professional_id = $1 AND revoked_at IS NULL ORDER BY created_at LIMIT 1`, [professionalId]);
  return row.structure_id;
}

import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, ManualClock, Permission, Role, systemActor, type Actor } from '@rsa/kernel';
import type { SeedResult } from '@rsa/access';
import { BeneficiaryChanges } from '@rsa/beneficiary';
import { AuditedImport, IntakeModule } from '@rsa/intake';
import { OrientationModule } from '@rsa/orientation';
import { pgPoolOf, type AppConfig } from '@rsa/platform';
import { createTestQueues, DEMO_SUBJECTS, generateCafFile, type GenManifest, type TestDatabase, type TestQueues } from '@rsa/testing';
import { SUBJECT_OF_ROLE } from './access-fixture';
import { bearer, intakeWorker, seedOrganisation, startApi, tokenFor } from './api';

/** An API call's answer, as supertest gives it. */
export type Answer = request.Response;

/**
 * What an orientation scenario needs: the API (and the orientation module's services, as the worker
 * has them) on its own database with the demo organisation, a clock the test moves, a token per
 * role, generated CAF households imported, and a one-line way to call the API as a role.
 */
export interface OrientationWorld {
  app: INestApplication;
  config: AppConfig;
  queues: TestQueues;
  clock: ManualClock;
  seed: SeedResult;
  tokens: Record<Role, string>;
  /** The demo professional holding this role (access_professional.id). */
  professionalOf(role: Role): string;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Calls the API as `role` (or with a token): `w.call(Role.Referent, 'post', '/beneficiaries/…', body)`. */
  call(as: Role | { token: string }, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: object): Promise<Answer>;
  /** Imports a generated daily file dated `date`; returns the people with an open path in `territoryId`. */
  importDaily(households: number, seed: string, date: string, territoryId?: string): Promise<{ manifest: GenManifest; personIds: string[] }>;
  /** Shares a person's file with the demo professional of `role` (as a coordinator would). */
  shareWith(personId: string, role: Role, basis?: 'referent' | 'case-member' | 'shared'): Promise<void>;
  close(): Promise<void>;
}

/** What the set-up does as the system (sharing files before portfolios exist). */
export const orientationSeeder: Actor = systemActor('test:seed', 'cli', [Permission.AccessGrant]);

export async function buildOrientationWorld(db: TestDatabase, start: string, patch: Partial<AppConfig> = {}): Promise<OrientationWorld> {
  const queues = createTestQueues({ config: db.config.with(patch) });
  const dir = mkdtempSync(join(tmpdir(), 'rsa-orientation-'));
  const config = queues.config.with({ intake: { ...db.config.intake, storageDir: join(dir, 'files'), dropDir: join(dir, 'drop') } });
  const clock = new ManualClock(start);
  const app = await startApi(config, { imports: [IntakeModule, OrientationModule], overrides: [{ provide: Clock, useValue: clock }] });
  const seed = await seedOrganisation(app);
  const pool = pgPoolOf(app.get(DataSource));
  const sql = async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[];
  const tokens = {} as Record<Role, string>;
  for (const [role, subject] of Object.entries(SUBJECT_OF_ROLE) as [Role, string][]) tokens[role] = await tokenFor(config, subject, { mfa: role === Role.Auditor });
  const professionalOf = (role: Role) => seed.professionalIds[SUBJECT_OF_ROLE[role]];

  return {
    app,
    config,
    queues,
    clock,
    seed,
    tokens,
    professionalOf,
    sql,
    call(as, method, path, body) {
      const token = typeof as === 'string' ? tokens[as] : as.token;
      const req = request(app.getHttpServer())[method](path).set(bearer(token));
      return body === undefined ? req : req.send(body);
    },
    async importDaily(households, seedName, date, territoryId = 'roubaix-tourcoing') {
      const manifest = await generateCafFile({ households, kind: 'daily', seed: seedName, out: join(dir, `${seedName}.xml`), date });
      await app.get(AuditedImport).run(intakeWorker(), { path: manifest.path, channel: 'cli' });
      const people = await sql<{ person_id: string }>(
        `SELECT DISTINCT p.person_id FROM beneficiary_path p JOIN beneficiary_dossier d ON d.id = p.dossier_id
           JOIN access_territory_commune tc ON tc.insee = d.commune_insee
          WHERE tc.territory_id = $1 AND p.status = 'open'
          ORDER BY p.person_id`,
        [territoryId],
      );
      return { manifest, personIds: people.map((p) => p.person_id) };
    },
    async shareWith(personId, role, basis = 'case-member') {
      await app.get(BeneficiaryChanges).share(orientationSeeder, personId, { professionalId: professionalOf(role), basis, reasonCode: basis === 'referent' ? 'portfolio' : 'co-diagnostic' });
    },
    async close() {
      await app.close();
      await queues.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { DEMO_SUBJECTS };

import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OrganisationSeed, mintLocalToken, workerActor, type MintRequest, type SeedResult } from '@rsa/access';
import { systemActor, Permission } from '@rsa/kernel';
import { AppConfig } from '@rsa/platform';
import { demoOrganisation } from '@rsa/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';

/** The API as main.ts builds it (pipes, limits, headers, guards), on a test's configuration. */
export async function startApi(
  config: AppConfig,
  extra: Pick<ModuleMetadata, 'imports' | 'providers'> & { overrides?: { provide: unknown; useValue: unknown }[] } = {},
): Promise<INestApplication> {
  let builder = Test.createTestingModule({ imports: [ApiModule, ...(extra.imports ?? [])], providers: extra.providers ?? [] })
    .overrideProvider(AppConfig)
    .useValue(config);
  for (const override of extra.overrides ?? []) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
  await app.init();
  return app;
}

/** The demo organisation (7 MNE, structures, one account per role), loaded through the real commands. */
export function seedOrganisation(app: INestApplication): Promise<SeedResult> {
  return app.get(OrganisationSeed).load(systemActor('test:seed', 'cli', [Permission.OrganisationRead, Permission.OrganisationManage]), demoOrganisation());
}

/** A token of the local issuer the test API trusts (config/.env.test). */
export function tokenFor(config: AppConfig, subject: string, request: Omit<MintRequest, 'subject'> = {}): Promise<string> {
  return mintLocalToken(config.auth, { subject, ...request });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** What the worker acts as when it imports (tests that drive the intake directly). */
export const intakeWorker = () => workerActor('intake-import');

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CafFileImporter, IntakeModule } from '@rsa/intake';
import { Clock } from '@rsa/kernel';
import { AppConfig, AppConfigModule, AuditModule, ClockModule, DatabaseModule, MetricsRegistryModule } from '@rsa/platform';
import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { DataSource } from 'typeorm';

/** The intake context (no HTTP, no queue) on the given configuration: a test's own database, drop folder… */
async function startIntakeContext(config: AppConfig, clock?: Clock): Promise<INestApplicationContext> {
  let builder = Test.createTestingModule({ imports: [AppConfigModule, ClockModule, DatabaseModule.forRoot({ applicationName: 'rsa-test' }), AuditModule, MetricsRegistryModule, IntakeModule] })
    .overrideProvider(AppConfig)
    .useValue(config);
  if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
  return (await builder.compile()).init();
}

/** What an intake test file works with; the fields are set once its `beforeAll` has run. */
export interface IntakeTest {
  db: TestDatabase;
  app: INestApplicationContext;
  importer: CafFileImporter;
  sql: DataSource;
  /** A directory of the test file's own, removed afterwards. */
  dir: string;
}

/**
 * Registers the set-up and tear-down of an intake test file: its own database, the intake context,
 * a temporary directory (`dirPrefix`). `configure` adapts the configuration to that directory (a drop
 * folder, say); `clock`, when given, is the context's clock instead of the real one. Hooks the file
 * declares after this call run after this set-up.
 */
export function intakeTest(dirPrefix: string, configure: (config: AppConfig, dir: string) => AppConfig = (config) => config, clock?: Clock): IntakeTest {
  const t = {} as IntakeTest;
  beforeAll(async () => {
    t.db = await createTestDatabase({ withoutDataSource: true });
    t.dir = mkdtempSync(join(tmpdir(), dirPrefix));
    t.app = await startIntakeContext(configure(t.db.config, t.dir), clock);
    t.importer = t.app.get(CafFileImporter);
    t.sql = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.app?.close();
    await t.db?.drop();
    if (t.dir) rmSync(t.dir, { recursive: true, force: true });
  });
  return t;
}

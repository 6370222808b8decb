import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  buildDataSourceOptions,
  dropDatabaseIfExists,
  loadAppConfig,
  projectRoot,
  quoteIdentifier,
  withAdminClient,
  withDatabaseName,
} from '@rsa/platform';
import { assertTestDatabaseUrl, assertTestName } from './guard';

/**
 * Every test database is a clone of this one, migrated from scratch once per jest run. One per
 * checkout (the name carries a digest of its path): two working trees with different migrations can
 * run their tests at the same time on one PostgreSQL without cloning each other's schema.
 */
export const TEMPLATE_DATABASE = `rsa_test_template_${createHash('sha256').update(projectRoot()).digest('hex').slice(0, 8)}`;

/**
 * Serialises "replace the template" against "clone the template", across concurrent jest runs
 * (advisory locks are per database: everyone takes it connected to `postgres`).
 */
export const TEMPLATE_LOCK_KEY = 7_273_610_001;

/**
 * Builds the template: migrate a fresh database under a temporary name, then swap it in place of
 * the previous template under the exclusive lock, so a concurrent run never clones a half-migrated
 * template. Also drops test databases left behind by processes that no longer exist.
 */
export async function buildTemplateDatabase(config: AppConfig = loadAppConfig()): Promise<void> {
  assertTestDatabaseUrl(config.databaseUrl);
  const building = `${TEMPLATE_DATABASE}_build_${process.pid}_${randomBytes(3).toString('hex')}`;
  assertTestName(building);
  const buildUrl = withDatabaseName(config.databaseUrl, building);

  await withAdminClient(config.databaseUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(building)}`));
  try {
    // Migrations only: they are SQL, and entities would be loaded for nothing.
    const dataSource = new DataSource({
      ...buildDataSourceOptions(config.with({ databaseUrl: buildUrl }), { applicationName: 'rsa-test-template' }),
      entities: [],
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    await withAdminClient(config.databaseUrl, async (client) => {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [TEMPLATE_LOCK_KEY]);
      try {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(TEMPLATE_DATABASE)} WITH (FORCE)`);
        await client.query(`ALTER DATABASE ${quoteIdentifier(building)} RENAME TO ${quoteIdentifier(TEMPLATE_DATABASE)}`);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [TEMPLATE_LOCK_KEY]);
      }
    });
  } catch (error) {
    await dropDatabaseIfExists(buildUrl).catch(() => undefined);
    throw error;
  }
  await dropOrphanTestDatabases(config);
}

/** `rsa_test_<pid>_…` and template builds (`…_build_<pid>_…`) whose process is gone (a crashed or killed run). */
async function dropOrphanTestDatabases(config: AppConfig): Promise<void> {
  await withAdminClient(config.databaseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^rsa_test_(template_[0-9a-f]{8}_build_)?[0-9]+_'`,
    );
    for (const { datname } of rows) {
      const pid = Number(/^rsa_test_(?:template_[0-9a-f]{8}_build_)?(\d+)_/.exec(datname)?.[1]);
      if (pid && !isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

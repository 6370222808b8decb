import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  buildDataSourceOptions,
  dropDatabaseIfExists,
  loadAppConfig,
  quoteIdentifier,
  withAdminClient,
  withDatabaseName,
} from '@rsa/platform';
import { assertTestDatabaseUrl, assertTestName } from './guard';
import { TEMPLATE_DATABASE, TEMPLATE_LOCK_KEY } from './template';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** The test configuration (config/.env.test) pointing at this database. */
  readonly config: AppConfig;
  /** Initialized, with every entity; destroyed by drop(). */
  readonly dataSource: DataSource;
  /** Closes the DataSource and drops the database. Call it in afterAll. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Base configuration; default loadAppConfig() (config/.env.test under jest). */
  readonly config?: AppConfig;
  /** Skip the DataSource (e.g. when the test boots a Nest app on `config`). */
  readonly withoutDataSource?: boolean;
}

/**
 * A database of one's own for a test file: `CREATE DATABASE rsa_test_<pid>_<random> TEMPLATE
 * rsa_test_template_<checkout digest>` (the template is migrated once per run by test/global-setup.ts), so each file
 * starts from the migrated, empty schema in a few tens of milliseconds and files run in parallel.
 *
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase(); });
 *   afterAll(() => db.drop());
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const base = options.config ?? loadAppConfig();
  assertTestDatabaseUrl(base.databaseUrl);
  const name = `rsa_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  assertTestName(name);
  const url = withDatabaseName(base.databaseUrl, name);
  await cloneTemplate(base.databaseUrl, name);

  const config = base.with({ databaseUrl: url });
  let dataSource: DataSource | undefined;
  try {
    if (!options.withoutDataSource) {
      dataSource = new DataSource(buildDataSourceOptions(config, { applicationName: 'rsa-test', poolSize: 5 }));
      await dataSource.initialize();
    }
  } catch (error) {
    await dropDatabaseIfExists(url);
    throw error;
  }
  return {
    name,
    url,
    config,
    get dataSource(): DataSource {
      if (!dataSource) throw new Error('createTestDatabase({ withoutDataSource: true }) has no DataSource');
      return dataSource;
    },
    async drop() {
      if (dataSource?.isInitialized) await dataSource.destroy();
      await dropDatabaseIfExists(url);
    },
  };
}

async function cloneTemplate(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock_shared($1::bigint)', [TEMPLATE_LOCK_KEY]);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(TEMPLATE_DATABASE)}`);
          return;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === '3D000') {
            throw new Error(`No ${TEMPLATE_DATABASE} database: it is built by test/global-setup.ts (run tests with jest)`);
          }
          // 55006: someone is briefly connected to the template (another clone starting). Retry.
          if (code !== '55006' || attempt >= 10) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock_shared($1::bigint)', [TEMPLATE_LOCK_KEY]);
    }
  });
}

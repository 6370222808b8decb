import Redis from 'ioredis';
import { Client } from 'pg';
import { databaseNameOf, loadAppConfig, redisOptionsFromUrl, runInTransaction } from '@rsa/platform';
import { assertTestDatabaseUrl, assertTestName } from './guard';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestQueues } from './test-queues';

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: serverUrl.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('test database helpers', () => {
  const config = loadAppConfig();

  it('refuse any database or prefix whose name lacks "test"', async () => {
    expect(() => assertTestName('rsa_dev')).toThrow('Refusing to run on database "rsa_dev"');
    expect(() => assertTestDatabaseUrl('postgres://postgres@127.0.0.1:5432/rsa')).toThrow('must contain "test"');
    expect(assertTestDatabaseUrl('postgres://postgres@127.0.0.1:5432/rsa_test_1')).toBe('rsa_test_1');
    const production = config.with({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/rsa_prod' });
    await expect(createTestDatabase({ config: production })).rejects.toThrow('Refusing to run on database "rsa_prod"');
  });

  describe('createTestDatabase', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db?.drop());

    it('clones the migrated template under a name of its own', async () => {
      expect(db.name).toMatch(new RegExp(`^rsa_test_${process.pid}_[0-9a-f]{8}$`));
      expect(databaseNameOf(db.config.databaseUrl)).toBe(db.name);
      const migrations: { name: string }[] = await db.dataSource.query('SELECT name FROM migrations ORDER BY id');
      expect(migrations.map((m) => m.name)).toEqual(expect.arrayContaining(['Init1700000000000', 'ScheduledRun1700000000001']));
      const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM scheduled_run');
      expect(count).toBe(0);
    });

    it('runs work in one transaction: committed, or rolled back when it throws', async () => {
      const insert = (manager: { query: (sql: string) => Promise<unknown> }) =>
        manager.query(`INSERT INTO scheduled_run (schedule_name, expected_at, started_at, outcome) VALUES ('tx', now(), now(), 'succeeded')`);
      await runInTransaction(db.dataSource, async (manager) => {
        await insert(manager);
        // Joined, not nested: same transaction.
        await runInTransaction(manager, insert);
      });
      await expect(
        runInTransaction(db.dataSource, async (manager) => {
          await insert(manager);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM scheduled_run WHERE schedule_name = 'tx'`);
      expect(count).toBe(2);
    });

    it('drops the database', async () => {
      const other = await createTestDatabase({ withoutDataSource: true });
      expect(await databaseExists(other.url, other.name)).toBe(true);
      await other.drop();
      expect(await databaseExists(other.url, other.name)).toBe(false);
    });
  });

  it('gives each test file its own BullMQ prefix, and cleans it', async () => {
    const a = createTestQueues();
    const b = createTestQueues();
    expect(a.prefix).not.toBe(b.prefix);
    expect(a.config.queuePrefix).toBe(a.prefix);
    const redis = new Redis(redisOptionsFromUrl(config.redisUrl));
    try {
      await redis.set(`${a.prefix}:intake:x`, '1');
      await redis.set(`${b.prefix}:intake:x`, '1');
      await a.cleanup();
      expect(await redis.exists(`${a.prefix}:intake:x`)).toBe(0);
      expect(await redis.exists(`${b.prefix}:intake:x`)).toBe(1);
      await b.cleanup();
    } finally {
      redis.disconnect();
    }
  });
});

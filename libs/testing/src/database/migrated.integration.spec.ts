import { hasPendingMigrations } from '@rsa/platform';
import { createTestDatabase, type TestDatabase } from './test-database';

describe('hasPendingMigrations (the API readiness and the worker start depend on it)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('tells a database that lacks a migration this build knows from one that has them all', async () => {
    expect(await hasPendingMigrations(db.dataSource)).toBe(false);
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const [[last]] = await db.dataSource.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING id, "timestamp", name`);
    expect(await hasPendingMigrations(db.dataSource)).toBe(true);
    await db.dataSource.query(`INSERT INTO migrations (id, "timestamp", name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    expect(await hasPendingMigrations(db.dataSource)).toBe(false);
  });
});

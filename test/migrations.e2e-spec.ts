import { createTestDatabase, type TestDatabase } from '@rsa/testing';
import { MessageIssueDay1796200004000 } from '../libs/platform/src/database/migrations/1796200004000-MessageIssueDay';

/**
 * Migrations that fill what they add from what is already stored: run down and up again on a
 * database holding rows of each case, the rows read back as the migration says.
 */
describe('migrations that backfill (PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('MessageIssueDay: a sent message is issued the day it was sent, one being sent the day it was claimed, others have no day', async () => {
    const migration = new MessageIssueDay1796200004000();
    const runner = db.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      // Messages as they stood before the migration; their person and path need not exist for this.
      await runner.query(`SET session_replication_role = replica`);
      const insert = (key: string, status: string, claimedAt: string | null, sentAt: string | null) =>
        runner.query(
          `INSERT INTO notification_message (id, dedupe_key, person_id, path_id, channel, kind, due_at, status, claimed_at, sent_at)
           VALUES (gen_random_uuid(), $1, gen_random_uuid(), gen_random_uuid(), 'letter', 'convocation', now(), $2, $3, $4)`,
          [key, status, claimedAt, sentAt],
        );
      // Paris days: 23:30 UTC on 3 December is 4 December in Paris (UTC+1 in winter).
      await insert('sent-late-evening', 'sent', '2026-12-03T23:29:00Z', '2026-12-03T23:30:00Z');
      await insert('sending-since-yesterday', 'sending', '2026-12-02T22:59:00Z', null);
      await insert('pending', 'pending', null, null);
      await insert('failed-never-sent', 'failed', '2026-12-01T10:00:00Z', null);
      await runner.query(`SET session_replication_role = origin`);
      await migration.up(runner);
      const rows = await runner.query(`SELECT dedupe_key AS key, to_char(issued_on, 'YYYY-MM-DD') AS day FROM notification_message ORDER BY dedupe_key`);
      expect(rows).toEqual([
        { key: 'failed-never-sent', day: null },
        { key: 'pending', day: null },
        { key: 'sending-since-yesterday', day: '2026-12-02' },
        { key: 'sent-late-evening', day: '2026-12-04' },
      ]);
    } finally {
      await runner.release();
    }
  });
});

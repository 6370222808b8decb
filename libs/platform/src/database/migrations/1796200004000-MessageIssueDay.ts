import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day a message was first handed to its channel (`issued_on`). A letter is dated that day and
 * filed under that day's print folder; a retry on a later day (a worker that died at 23:58, a
 * database that failed after the file was written) finds the same file there instead of writing the
 * letter again under the new day. Written by hand and checked against the entities.
 */
export class MessageIssueDay1796200004000 implements MigrationInterface {
  name = 'MessageIssueDay1796200004000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_message" ADD "issued_on" date`);
    // Messages already sent were issued the day they were sent (Paris). One being sent as this runs (a
    // worker still up, or one that died mid-batch) was dated, and its letter filed, the day it was
    // claimed: its retry finds that day's file. Those never handed to a channel have no day yet.
    await queryRunner.query(`UPDATE "notification_message" SET "issued_on" = ("sent_at" AT TIME ZONE 'Europe/Paris')::date WHERE "sent_at" IS NOT NULL`);
    await queryRunner.query(
      `UPDATE "notification_message" SET "issued_on" = ("claimed_at" AT TIME ZONE 'Europe/Paris')::date WHERE "sent_at" IS NULL AND "status" = 'sending' AND "claimed_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_message" DROP COLUMN "issued_on"`);
  }
}

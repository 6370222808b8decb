import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The professionals' inbox of the orientation context: a réorientation asked or decided, a
 * portfolio transferred, a referent over capacity, a contract about to expire or a bilan due. Codes,
 * ids and dates only; `dedupe_key` makes a reminder written twice (a job retried) one notice.
 * Written by hand and checked against the entity.
 */
export class OrientationNotices1796200000001 implements MigrationInterface {
  name = 'OrientationNotices1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "orientation_notice" (
        "id" uuid NOT NULL,
        "recipient_id" uuid NOT NULL,
        "kind" character varying(40) NOT NULL,
        "person_id" uuid,
        "subject_type" character varying(40),
        "subject_id" uuid,
        "detail" jsonb NOT NULL DEFAULT '{}',
        "due_on" date,
        "dedupe_key" character varying(160),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "read_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_orientation_notice" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_notice_recipient" ON "orientation_notice" ("recipient_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orientation_notice_dedupe" ON "orientation_notice" ("recipient_id", "dedupe_key") WHERE dedupe_key IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orientation_notice"`);
  }
}

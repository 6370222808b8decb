import { MigrationInterface, QueryRunner } from 'typeorm';

/** The record of scheduled job runs (platform: ScheduledRunEntity), read by /health/ready. */
export class ScheduledRun1700000000001 implements MigrationInterface {
  name = 'ScheduledRun1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "scheduled_run" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "schedule_name" character varying(200) NOT NULL,
        "expected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "outcome" character varying(20) NOT NULL,
        "detail" jsonb,
        CONSTRAINT "pk_scheduled_run" PRIMARY KEY ("id")
      )`);
    // Latest run of each schedule (DISTINCT ON schedule_name ORDER BY expected_at DESC).
    await queryRunner.query(`CREATE INDEX "ix_scheduled_run_schedule_expected" ON "scheduled_run" ("schedule_name", "expected_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_scheduled_run_schedule_expected"`);
    await queryRunner.query(`DROP TABLE "scheduled_run"`);
  }
}

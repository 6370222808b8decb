import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review of an intake anomaly: who marked it resolved, when, and what they found (a code);
 * `status` indexed for the queue of open anomalies (`GET /intake/anomalies`). Written by hand and
 * checked against the entities.
 */
export class AnomalyReview1796200000800 implements MigrationInterface {
  name = 'AnomalyReview1796200000800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_anomaly" ADD "resolved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "intake_anomaly" ADD "resolved_by" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "intake_anomaly" ADD "resolution" character varying(32)`);
    await queryRunner.query(`CREATE INDEX "IDX_7a74416342015cd284072bfa45" ON "intake_anomaly" ("status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_7a74416342015cd284072bfa45"`);
    await queryRunner.query(`ALTER TABLE "intake_anomaly" DROP COLUMN "resolution"`);
    await queryRunner.query(`ALTER TABLE "intake_anomaly" DROP COLUMN "resolved_by"`);
    await queryRunner.query(`ALTER TABLE "intake_anomaly" DROP COLUMN "resolved_at"`);
  }
}

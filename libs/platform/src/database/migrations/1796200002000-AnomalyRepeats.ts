import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The intake records an anomaly once: before storing those a file raises, it looks for the same one
 * already recorded (same kind, household, persons and detail). Anomalies about a person are found
 * through the person index; those about a household alone (an unknown code in a dossier block) need
 * this partial index on the NUMDEMRSA. Written by hand and checked against the entities.
 */
export class AnomalyRepeats1796200002000 implements MigrationInterface {
  name = 'AnomalyRepeats1796200002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_intake_anomaly_household" ON "intake_anomaly" ("numdemrsa") WHERE person_id IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_intake_anomaly_household"`);
  }
}

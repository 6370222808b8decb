import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `intake_anomaly.numdemrsa` nullable: an anomaly may concern the whole file, not one dossier (a file
 * with the header of a file already imported but other bytes, CAF-FORMAT §13 rec. 2: flagged for
 * review). Written by hand and checked against the entities.
 */
export class FileLevelAnomaly1796200000700 implements MigrationInterface {
  name = 'FileLevelAnomaly1796200000700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_anomaly" ALTER COLUMN "numdemrsa" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "intake_anomaly" WHERE "numdemrsa" IS NULL`);
    await queryRunner.query(`ALTER TABLE "intake_anomaly" ALTER COLUMN "numdemrsa" SET NOT NULL`);
  }
}

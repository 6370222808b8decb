import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An exit from the path closes the réorientation requests still pending for the person
 * (`closed-by-exit`): there is no orientation left to change, and a pending request would block
 * every later one. Written by hand and checked against the entities.
 */
export class ReorientationClosedByExit1796200003000 implements MigrationInterface {
  name = 'ReorientationClosedByExit1796200003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orientation_reorientation_request" DROP CONSTRAINT "ck_orientation_reorientation_request_status"`);
    await queryRunner.query(
      `ALTER TABLE "orientation_reorientation_request" ADD CONSTRAINT "ck_orientation_reorientation_request_status" CHECK (status IN ('pending', 'accepted', 'refused', 'closed-by-direct-reorientation', 'closed-by-exit'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The older schema's nearest closed status (a refusal would need the EP's fields).
    await queryRunner.query(`UPDATE "orientation_reorientation_request" SET status = 'closed-by-direct-reorientation' WHERE status = 'closed-by-exit'`);
    await queryRunner.query(`ALTER TABLE "orientation_reorientation_request" DROP CONSTRAINT "ck_orientation_reorientation_request_status"`);
    await queryRunner.query(
      `ALTER TABLE "orientation_reorientation_request" ADD CONSTRAINT "ck_orientation_reorientation_request_status" CHECK (status IN ('pending', 'accepted', 'refused', 'closed-by-direct-reorientation'))`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `beneficiary_rectification.requested_nir_encrypted`: a NIR a person asks the CAF to correct is
 * sealed like every NIR at rest, no longer kept in `requested_value`. SQL holds no key: a request
 * stored in clear before this migration is sealed by the next `nir:rotate`. Written by hand and
 * checked against the entities.
 */
export class SealedRectificationNir1796200000900 implements MigrationInterface {
  name = 'SealedRectificationNir1796200000900';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_rectification" ADD "requested_nir_encrypted" bytea`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_rectification" DROP COLUMN "requested_nir_encrypted"`);
  }
}

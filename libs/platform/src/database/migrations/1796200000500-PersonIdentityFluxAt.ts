import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `beneficiary_person.identity_flux_at`: the header timestamp of the file that last gave the
 * person's identity. A person is shared by dossiers; a late, older file that brings a new dossier for
 * them must not roll their name or NIR back. Null for persons written before: the next file sets it.
 * Written by hand and checked against the entities.
 */
export class PersonIdentityFluxAt1796200000500 implements MigrationInterface {
  name = 'PersonIdentityFluxAt1796200000500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_person" ADD "identity_flux_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_person" DROP COLUMN "identity_flux_at"`);
  }
}

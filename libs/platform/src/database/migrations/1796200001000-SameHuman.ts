import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `beneficiary_person.human_id`: set when an operator's review of an identity anomaly found that
 * several person records are one human (`same-person-caf-notified`). Every record of that human
 * carries the same value (one of their ids); null means the record stands alone, which is nearly
 * every record, hence partial indexes: one to find a human's records, one for the intake's look-up
 * of each batch's persons among the linked ones (probing it costs next to nothing while it is
 * small, where the primary key would fetch every person of the batch). The records are not merged:
 * the CAF corrects its own data. The intake reads the link so the human has one open path, not one
 * per record. `distinct_despite_nir` is the opposite finding (`distinct-persons` on a
 * `nir-birthdate-conflict`): a person of their own though another record holds their NIR, whom the
 * "one NIR, one person convened" rule no longer keeps out. Written by hand and checked against the
 * entities.
 */
export class SameHuman1796200001000 implements MigrationInterface {
  name = 'SameHuman1796200001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_person" ADD "human_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_person_human" ON "beneficiary_person" ("human_id") WHERE human_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_person_linked" ON "beneficiary_person" ("id") WHERE human_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "beneficiary_person" ADD "distinct_despite_nir" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_person" DROP COLUMN "distinct_despite_nir"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiary_person_linked"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiary_person_human"`);
    await queryRunner.query(`ALTER TABLE "beneficiary_person" DROP COLUMN "human_id"`);
  }
}

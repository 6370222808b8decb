import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `beneficiary_member.entry_recheck_on`: for a demandeur or conjoint kept out of the path for a
 * reason bounded in time (an exclusion by the PCD or an activity with an end date), the day it ends,
 * from which each import decides again on the stored situation. A partial index keeps that look-up
 * to the few members concerned. Members written before this column keep null: they are decided again
 * when their household next changes, as before. Written by hand and checked against the entities.
 */
export class MemberEntryRecheck1796200000400 implements MigrationInterface {
  name = 'MemberEntryRecheck1796200000400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "beneficiary_member" ADD "entry_recheck_on" date`);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_member_entry_recheck" ON "beneficiary_member" ("entry_recheck_on") WHERE entry_recheck_on IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiary_member_entry_recheck"`);
    await queryRunner.query(`ALTER TABLE "beneficiary_member" DROP COLUMN "entry_recheck_on"`);
  }
}

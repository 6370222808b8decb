import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal-data protection: beneficiaries' contact details and consent (product data), requests to
 * rectify CAF data, retention policies (seeded with the defaults documented in the README) and the
 * runs of the retention job, and the markers it leaves (person anonymised, file's raw data purged).
 */
export class ContactRectificationRetention1796100000002 implements MigrationInterface {
  name = 'ContactRectificationRetention1796100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "beneficiary_contact" ("person_id" uuid NOT NULL, "phone" character varying(16), "email" character varying(254), "sms_consent" boolean NOT NULL DEFAULT false, "email_consent" boolean NOT NULL DEFAULT false, "consent_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" character varying(200) NOT NULL, CONSTRAINT "pk_beneficiary_contact" PRIMARY KEY ("person_id"))`);
    await queryRunner.query(`CREATE TABLE "beneficiary_rectification" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "field" character varying(32) NOT NULL, "requested_value" character varying(200), "reason_code" character varying(40) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'to-forward', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "requested_by" character varying(200) NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_beneficiary_rectification" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_rectification_person" ON "beneficiary_rectification" ("person_id")`);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_rectification_status" ON "beneficiary_rectification" ("status", "requested_at")`);
    await queryRunner.query(`ALTER TABLE "beneficiary_person" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "intake_file" ADD "raw_purged_at" TIMESTAMP WITH TIME ZONE`);

    await queryRunner.query(`CREATE TABLE "retention_policy" ("category" character varying(32) NOT NULL, "months" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" character varying(200) NOT NULL, CONSTRAINT "pk_retention_policy" PRIMARY KEY ("category"))`);
    await queryRunner.query(`CREATE TABLE "retention_run" ("id" uuid NOT NULL, "mode" character varying(8) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "actor" character varying(200) NOT NULL, "report" jsonb, CONSTRAINT "pk_retention_run" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_retention_run_started" ON "retention_run" ("started_at")`);
    // Defaults (README "Retention"): an administrator changes them through the API.
    await queryRunner.query(`
      INSERT INTO retention_policy (category, months, updated_at, updated_by) VALUES
        ('intake-raw', 13, now(), 'migration'),
        ('beneficiary-inactive', 36, now(), 'migration'),
        ('audit-sensitive', 36, now(), 'migration')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retention_run"`);
    await queryRunner.query(`DROP TABLE "retention_policy"`);
    await queryRunner.query(`ALTER TABLE "intake_file" DROP COLUMN "raw_purged_at"`);
    await queryRunner.query(`ALTER TABLE "beneficiary_person" DROP COLUMN "anonymised_at"`);
    await queryRunner.query(`DROP TABLE "beneficiary_rectification"`);
    await queryRunner.query(`DROP TABLE "beneficiary_contact"`);
  }
}

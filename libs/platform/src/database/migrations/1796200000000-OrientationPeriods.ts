import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orientation periods: a person's dated orientations (dominante, structure kind and structure,
 * referent, territory, start, end). Periods of one person never overlap (an exclusion constraint on
 * the day ranges, end exclusive), and at most one is open. Territory, structure and referent ids
 * belong to the access context: no foreign keys across contexts (as elsewhere), the handlers check
 * them. The other tables of the orientation
 * context (diagnostics, rule sets, decisions, portfolios, contracts) come in their own migrations.
 * Written by hand and checked against the entity.
 */
export class OrientationPeriods1796200000000 implements MigrationInterface {
  name = 'OrientationPeriods1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
      CREATE TABLE "orientation_period" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "path_id" uuid,
        "territory_id" character varying(40) NOT NULL,
        "dominante" character varying(16) NOT NULL,
        "structure_kind" character varying(24) NOT NULL,
        "structure_id" uuid,
        "referent_id" uuid,
        "decision_id" uuid,
        "starts_on" date NOT NULL,
        "ends_on" date,
        "end_reason" character varying(40),
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_orientation_period_dates" CHECK (ends_on IS NULL OR ends_on >= starts_on),
        CONSTRAINT "ck_orientation_period_dominante" CHECK (dominante IN ('emploi', 'equilibre', 'remobilisation')),
        CONSTRAINT "pk_orientation_period" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_period_person" ON "orientation_period" ("person_id", "starts_on")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orientation_period_open" ON "orientation_period" ("person_id") WHERE ends_on IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_period_referent" ON "orientation_period" ("referent_id") WHERE ends_on IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_period_territory" ON "orientation_period" ("territory_id", "dominante") WHERE ends_on IS NULL`);
    // No two periods of one person on the same day; a period ending on D and the next starting on D touch, not overlap.
    await queryRunner.query(
      `ALTER TABLE "orientation_period" ADD CONSTRAINT "ex_orientation_period_overlap" EXCLUDE USING gist ("person_id" WITH =, daterange("starts_on", "ends_on", '[)') WITH &&) WHERE (ends_on IS NULL OR ends_on > starts_on)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orientation_period"`);
  }
}

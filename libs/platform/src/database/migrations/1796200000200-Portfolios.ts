import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referents' portfolios (DOMAIN.md §6): capacity per territory and per referent (with the
 * referent's absences), the history of assignments (who, when, from whom, why; what the load
 * trend is derived from), the first accompaniment appointment within 5 working days of the
 * diagnostic, transfers (permanent or temporary) with their people, and portfolio reviews with a
 * decision per person. Who is in a portfolio now is `orientation_period.referent_id` (open
 * periods): these tables never duplicate it. Professional, structure, territory and person ids
 * belong to other contexts: no foreign keys across contexts, the handlers check them. Written by
 * hand and checked against the entities.
 */
export class Portfolios1796200000200 implements MigrationInterface {
  name = 'Portfolios1796200000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "portfolio_territory_setting" (
        "territory_id" character varying(40) NOT NULL,
        "capacity_emploi" integer NOT NULL,
        "capacity_equilibre" integer NOT NULL,
        "capacity_remobilisation" integer NOT NULL,
        "review_every_months" integer NOT NULL DEFAULT '3',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_portfolio_territory_setting_capacity" CHECK (capacity_emploi BETWEEN 1 AND 500 AND capacity_equilibre BETWEEN 1 AND 500 AND capacity_remobilisation BETWEEN 1 AND 500),
        CONSTRAINT "ck_portfolio_territory_setting_review" CHECK (review_every_months BETWEEN 1 AND 12),
        CONSTRAINT "pk_portfolio_territory_setting" PRIMARY KEY ("territory_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_referent_setting" (
        "professional_id" uuid NOT NULL,
        "capacity_emploi" integer,
        "capacity_equilibre" integer,
        "capacity_remobilisation" integer,
        "absent_from" date,
        "absent_to" date,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_portfolio_referent_setting_capacity" CHECK ((capacity_emploi IS NULL OR capacity_emploi BETWEEN 1 AND 500) AND (capacity_equilibre IS NULL OR capacity_equilibre BETWEEN 1 AND 500) AND (capacity_remobilisation IS NULL OR capacity_remobilisation BETWEEN 1 AND 500)),
        CONSTRAINT "ck_portfolio_referent_setting_absence" CHECK ((absent_from IS NULL) = (absent_to IS NULL) AND (absent_to IS NULL OR absent_to >= absent_from)),
        CONSTRAINT "pk_portfolio_referent_setting" PRIMARY KEY ("professional_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_assignment" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "period_id" uuid NOT NULL,
        "territory_id" character varying(40) NOT NULL,
        "dominante" character varying(16) NOT NULL,
        "referent_id" uuid NOT NULL,
        "structure_id" uuid NOT NULL,
        "previous_referent_id" uuid,
        "suggested_referent_id" uuid,
        "kind" character varying(16) NOT NULL,
        "reason_code" character varying(40) NOT NULL,
        "over_capacity" boolean NOT NULL DEFAULT false,
        "over_capacity_reason" character varying(40),
        "transfer_id" uuid,
        "grant_id" uuid,
        "from_day" date NOT NULL,
        "to_day" date,
        "end_reason" character varying(40),
        "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "assigned_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_portfolio_assignment_kind" CHECK (kind IN ('assignment', 'transfer')),
        CONSTRAINT "ck_portfolio_assignment_dominante" CHECK (dominante IN ('emploi', 'equilibre', 'remobilisation')),
        CONSTRAINT "ck_portfolio_assignment_days" CHECK (to_day IS NULL OR to_day >= from_day),
        CONSTRAINT "ck_portfolio_assignment_over_capacity" CHECK (over_capacity = (over_capacity_reason IS NOT NULL)),
        CONSTRAINT "pk_portfolio_assignment" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_assignment_person" ON "portfolio_assignment" ("person_id", "assigned_at")`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_assignment_referent" ON "portfolio_assignment" ("referent_id", "from_day")`);
    // One current assignment per orientation period (a transfer ends the previous one first).
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_portfolio_assignment_current" ON "portfolio_assignment" ("period_id") WHERE to_day IS NULL`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_first_appointment" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "period_id" uuid NOT NULL,
        "referent_id" uuid NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "diagnostic_on" date NOT NULL,
        "diagnostic_source" character varying(16) NOT NULL,
        "deadline" date NOT NULL,
        "late" boolean NOT NULL DEFAULT false,
        "late_reason" character varying(40),
        "status" character varying(12) NOT NULL DEFAULT 'planned',
        "outcome_at" TIMESTAMP WITH TIME ZONE,
        "outcome_by" character varying(200),
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_portfolio_first_appointment_status" CHECK (status IN ('planned', 'honoured', 'missed', 'cancelled')),
        CONSTRAINT "ck_portfolio_first_appointment_source" CHECK (diagnostic_source IN ('decision', 'period-start')),
        CONSTRAINT "pk_portfolio_first_appointment" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_first_appointment_person" ON "portfolio_first_appointment" ("person_id")`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_first_appointment_referent" ON "portfolio_first_appointment" ("referent_id", "status")`);
    // At most one planned or honoured first appointment per period; missed and cancelled ones stay as history.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_portfolio_first_appointment_active" ON "portfolio_first_appointment" ("period_id") WHERE status IN ('planned', 'honoured')`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_transfer" (
        "id" uuid NOT NULL,
        "from_referent_id" uuid NOT NULL,
        "to_referent_id" uuid NOT NULL,
        "to_structure_id" uuid NOT NULL,
        "kind" character varying(16) NOT NULL,
        "reason_code" character varying(40) NOT NULL,
        "over_capacity" boolean NOT NULL DEFAULT false,
        "over_capacity_reason" character varying(40),
        "starts_on" date NOT NULL,
        "ends_on" date,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_portfolio_transfer_kind" CHECK (kind IN ('permanent', 'temporary')),
        CONSTRAINT "ck_portfolio_transfer_end" CHECK ((kind = 'temporary') = (ends_on IS NOT NULL) AND (ends_on IS NULL OR ends_on > starts_on)),
        CONSTRAINT "ck_portfolio_transfer_referents" CHECK (from_referent_id <> to_referent_id),
        CONSTRAINT "ck_portfolio_transfer_over_capacity" CHECK (over_capacity = (over_capacity_reason IS NOT NULL)),
        CONSTRAINT "pk_portfolio_transfer" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_transfer_from" ON "portfolio_transfer" ("from_referent_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_transfer_to" ON "portfolio_transfer" ("to_referent_id", "created_at")`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_transfer_item" (
        "transfer_id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "period_id" uuid NOT NULL,
        "dominante" character varying(16) NOT NULL,
        "grant_id" uuid,
        "revoked_grant_id" uuid,
        CONSTRAINT "pk_portfolio_transfer_item" PRIMARY KEY ("transfer_id", "person_id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_transfer_item_person" ON "portfolio_transfer_item" ("person_id")`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_review" (
        "id" uuid NOT NULL,
        "referent_id" uuid NOT NULL,
        "reviewed_on" date NOT NULL,
        "participant_ids" uuid array NOT NULL,
        "next_due_on" date NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_portfolio_review_next" CHECK (next_due_on > reviewed_on),
        CONSTRAINT "pk_portfolio_review" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_review_referent" ON "portfolio_review" ("referent_id", "reviewed_on")`);

    await queryRunner.query(`
      CREATE TABLE "portfolio_review_item" (
        "review_id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "decision" character varying(24) NOT NULL,
        CONSTRAINT "ck_portfolio_review_item_decision" CHECK (decision IN ('continue', 'reorient-requested', 'exit-proposed', 'transfer-proposed', 'intensity-review')),
        CONSTRAINT "pk_portfolio_review_item" PRIMARY KEY ("review_id", "person_id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_portfolio_review_item_person" ON "portfolio_review_item" ("person_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'portfolio_review_item', 'portfolio_review', 'portfolio_transfer_item', 'portfolio_transfer', 'portfolio_first_appointment', 'portfolio_assignment',
      'portfolio_referent_setting', 'portfolio_territory_setting',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}

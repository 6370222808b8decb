import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contrats d'engagement (CER with the Département, PPAE with France Travail) and exits from the
 * path (DOMAIN.md §2.6-§2.8, §5, §7):
 * - `contract`: one per orientation period at most while it lives (partial unique index), versioned
 *   (optimistic concurrency), with its events (`contract_event`, one row per version);
 * - `contract_period`: the first period and each renewal, by dominante, with the bilan's due day
 *   and the day the referent is reminded;
 * - `contract_action`: the action plan (category, code of the activities' référentiel, weekly
 *   hours, dates, provider, status);
 * - `contract_intensity_adjustment`: a lower (or higher) weekly floor than 15 h, with its reason,
 *   over whole weeks that never overlap (exclusion constraint);
 * - `contract_bilan`: one per contract period, its outcome and next steps as codes;
 * - `path_exit` and `path_exit_milestone`: the qualified exit (one per orientation period) and the
 *   follow-up in employment.
 * Person, orientation period, structure and professional ids belong to other tables of other
 * contexts or of this one written by their own module: no foreign keys across them (as elsewhere);
 * inside this part, children reference their contract or exit. Written by hand and checked against
 * the entities.
 */
export class Contracts1796200000300 implements MigrationInterface {
  name = 'Contracts1796200000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "contract" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "orientation_period_id" uuid NOT NULL,
        "territory_id" character varying(40) NOT NULL,
        "dominante" character varying(16) NOT NULL,
        "kind" character varying(8) NOT NULL,
        "structure_kind" character varying(24) NOT NULL,
        "structure_id" uuid,
        "status" character varying(12) NOT NULL DEFAULT 'draft',
        "signed_on" date,
        "ended_on" date,
        "end_reason" character varying(40),
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_contract_kind" CHECK (kind IN ('cer', 'ppae')),
        CONSTRAINT "ck_contract_status" CHECK (status IN ('draft', 'signed', 'renewed', 'ended')),
        CONSTRAINT "ck_contract_dominante" CHECK (dominante IN ('emploi', 'equilibre', 'remobilisation')),
        CONSTRAINT "ck_contract_signed" CHECK (status IN ('draft', 'ended') OR signed_on IS NOT NULL),
        CONSTRAINT "ck_contract_ended" CHECK ((status = 'ended') = (ended_on IS NOT NULL)),
        CONSTRAINT "pk_contract" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_contract_person" ON "contract" ("person_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_live" ON "contract" ("orientation_period_id") WHERE status <> 'ended'`);

    await queryRunner.query(`
      CREATE TABLE "contract_event" (
        "contract_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "kind" character varying(32) NOT NULL,
        "detail" jsonb NOT NULL DEFAULT '{}',
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "by" character varying(200) NOT NULL,
        CONSTRAINT "pk_contract_event" PRIMARY KEY ("contract_id", "version"),
        CONSTRAINT "fk_contract_event_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await queryRunner.query(`
      CREATE TABLE "contract_period" (
        "contract_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "kind" character varying(8) NOT NULL,
        "starts_on" date NOT NULL,
        "ends_on" date NOT NULL,
        "bilan_due_on" date NOT NULL,
        "remind_on" date NOT NULL,
        "without_bilan_reason" character varying(40),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_contract_period_kind" CHECK (kind IN ('first', 'renewal')),
        CONSTRAINT "ck_contract_period_dates" CHECK (ends_on >= starts_on AND bilan_due_on BETWEEN starts_on AND ends_on),
        CONSTRAINT "pk_contract_period" PRIMARY KEY ("contract_id", "seq"),
        CONSTRAINT "fk_contract_period_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    // The daily reminders look for periods ending or with a bilan due around today.
    await queryRunner.query(`CREATE INDEX "ix_contract_period_remind" ON "contract_period" ("remind_on")`);
    await queryRunner.query(`CREATE INDEX "ix_contract_period_bilan" ON "contract_period" ("bilan_due_on")`);

    await queryRunner.query(`
      CREATE TABLE "contract_action" (
        "id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "category" character varying(16) NOT NULL,
        "code" character varying(40) NOT NULL,
        "weekly_hours" numeric(4,1) NOT NULL,
        "starts_on" date NOT NULL,
        "ends_on" date NOT NULL,
        "provider_structure_id" uuid,
        "provider_code" character varying(40),
        "status" character varying(12) NOT NULL DEFAULT 'planned',
        "cancel_reason" character varying(40),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_contract_action_status" CHECK (status IN ('planned', 'in-progress', 'done', 'cancelled')),
        CONSTRAINT "ck_contract_action_cancel" CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
        CONSTRAINT "ck_contract_action_dates" CHECK (ends_on >= starts_on),
        CONSTRAINT "ck_contract_action_hours" CHECK (weekly_hours > 0 AND weekly_hours <= 40),
        CONSTRAINT "ck_contract_action_provider" CHECK (provider_structure_id IS NULL OR provider_code IS NULL),
        CONSTRAINT "pk_contract_action" PRIMARY KEY ("id"),
        CONSTRAINT "fk_contract_action_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "ix_contract_action_contract" ON "contract_action" ("contract_id", "starts_on")`);

    await queryRunner.query(`
      CREATE TABLE "contract_intensity_adjustment" (
        "id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "weekly_hours" numeric(4,1) NOT NULL,
        "reason" character varying(40) NOT NULL,
        "from_on" date NOT NULL,
        "to_on" date NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_contract_intensity_adjustment_dates" CHECK (to_on >= from_on),
        CONSTRAINT "ck_contract_intensity_adjustment_hours" CHECK (weekly_hours >= 0 AND weekly_hours <= 35),
        CONSTRAINT "pk_contract_intensity_adjustment" PRIMARY KEY ("id"),
        CONSTRAINT "fk_contract_intensity_adjustment_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    // One floor per week: two adjustments of a contract never cover the same day.
    await queryRunner.query(
      `ALTER TABLE "contract_intensity_adjustment" ADD CONSTRAINT "ex_contract_intensity_adjustment_overlap" EXCLUDE USING gist ("contract_id" WITH =, daterange("from_on", "to_on", '[]') WITH &&)`,
    );

    await queryRunner.query(`
      CREATE TABLE "contract_bilan" (
        "id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "period_seq" integer NOT NULL,
        "held_on" date NOT NULL,
        "outcome" character varying(16) NOT NULL,
        "next_steps" jsonb NOT NULL DEFAULT '[]',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_contract_bilan_outcome" CHECK (outcome IN ('renew', 'reorient', 'exit')),
        CONSTRAINT "pk_contract_bilan" PRIMARY KEY ("id"),
        CONSTRAINT "fk_contract_bilan_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_bilan_period" ON "contract_bilan" ("contract_id", "period_seq")`);

    await queryRunner.query(`
      CREATE TABLE "path_exit" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "orientation_period_id" uuid NOT NULL,
        "contract_id" uuid,
        "reason" character varying(24) NOT NULL,
        "exit_on" date NOT NULL,
        "contract_type" character varying(16),
        "working_time" character varying(12),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_path_exit_reason" CHECK (reason IN ('employment', 'durable-employment', 'training', 'business-creation', 'moved', 'right-closed', 'other')),
        CONSTRAINT "pk_path_exit" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_path_exit_person" ON "path_exit" ("person_id", "exit_on")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_path_exit_period" ON "path_exit" ("orientation_period_id")`);

    await queryRunner.query(`
      CREATE TABLE "path_exit_milestone" (
        "exit_id" uuid NOT NULL,
        "milestone" character varying(12) NOT NULL,
        "due_on" date NOT NULL,
        "in_employment" boolean NOT NULL,
        "contract_type" character varying(16),
        "working_time" character varying(12),
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_path_exit_milestone_milestone" CHECK (milestone IN ('1-month', '3-months', '6-months')),
        CONSTRAINT "pk_path_exit_milestone" PRIMARY KEY ("exit_id", "milestone"),
        CONSTRAINT "fk_path_exit_milestone_exit" FOREIGN KEY ("exit_id") REFERENCES "path_exit"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "path_exit_milestone"`);
    await queryRunner.query(`DROP TABLE "path_exit"`);
    await queryRunner.query(`DROP TABLE "contract_bilan"`);
    await queryRunner.query(`DROP TABLE "contract_intensity_adjustment"`);
    await queryRunner.query(`DROP TABLE "contract_action"`);
    await queryRunner.query(`DROP TABLE "contract_period"`);
    await queryRunner.query(`DROP TABLE "contract_event"`);
    await queryRunner.query(`DROP TABLE "contract"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 360° diagnostics and orientation decisions (issue 5, "Diagnostic 360°" and "Orientation"):
 * - `orientation_diagnostic` and its append-only `orientation_diagnostic_version` (every update is
 *   a new version with its content, score and profile; a trigger refuses updates of a version);
 * - `orientation_rule_set` per territory, draft → active → retired, one active per territory;
 * - `orientation_target_mix` per territory;
 * - `orientation_decision`: the decision (first orientation or réorientation) with the proposal as
 *   it was, the deciders and the person's agreement; it opens the orientation period;
 * - `orientation_reorientation_request`: request → decision, through the EP when needed, one
 *   pending per person;
 * - `orientation_dominante_code`: France Travail parcours code and CASF category per département.
 * Person, path, professional and territory ids belong to other contexts: no foreign keys across
 * contexts, the handlers check them. Written by hand and checked against the entities.
 */
export class OrientationDecisions1796200000100 implements MigrationInterface {
  name = 'OrientationDecisions1796200000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "orientation_diagnostic" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "path_id" uuid,
        "modality" character varying(16) NOT NULL,
        "advice" jsonb NOT NULL,
        "latest_version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_orientation_diagnostic_modality" CHECK (modality IN ('co-diagnostic', 'referent')),
        CONSTRAINT "pk_orientation_diagnostic" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_diagnostic_person" ON "orientation_diagnostic" ("person_id", "created_at")`);

    await queryRunner.query(`
      CREATE TABLE "orientation_diagnostic_version" (
        "diagnostic_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "person_id" uuid NOT NULL,
        "diagnosed_on" date NOT NULL,
        "authors" uuid array NOT NULL,
        "content" jsonb NOT NULL,
        "age" integer NOT NULL,
        "score" integer NOT NULL,
        "profile" character varying(16) NOT NULL,
        "score_addends" jsonb NOT NULL,
        "scoring_version" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_orientation_diagnostic_version_authors" CHECK (cardinality(authors) BETWEEN 1 AND 2),
        CONSTRAINT "ck_orientation_diagnostic_version_score" CHECK (score BETWEEN 0 AND 100),
        CONSTRAINT "ck_orientation_diagnostic_version_profile" CHECK (profile IN ('close-to-work', 'intermediate', 'far-from-work')),
        CONSTRAINT "pk_orientation_diagnostic_version" PRIMARY KEY ("diagnostic_id", "version")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_diagnostic_version_person" ON "orientation_diagnostic_version" ("person_id")`);
    // Append-only: a version is never rewritten (retention may still delete it).
    await queryRunner.query(`
      CREATE FUNCTION orientation_diagnostic_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a diagnostic version is never changed: write a new version' USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER tr_orientation_diagnostic_version_immutable BEFORE UPDATE ON "orientation_diagnostic_version" FOR EACH ROW EXECUTE FUNCTION orientation_diagnostic_version_immutable()`,
    );

    await queryRunner.query(`
      CREATE TABLE "orientation_rule_set" (
        "id" uuid NOT NULL,
        "territory_id" character varying(40) NOT NULL,
        "version" integer NOT NULL,
        "status" character varying(8) NOT NULL DEFAULT 'draft',
        "label" character varying(160) NOT NULL,
        "rules" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" character varying(200) NOT NULL,
        "activated_at" TIMESTAMP WITH TIME ZONE,
        "activated_by" character varying(200),
        "retired_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_orientation_rule_set_status" CHECK (status IN ('draft', 'active', 'retired')),
        CONSTRAINT "ck_orientation_rule_set_version" CHECK (version >= 1),
        CONSTRAINT "pk_orientation_rule_set" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orientation_rule_set_version" ON "orientation_rule_set" ("territory_id", "version")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orientation_rule_set_active" ON "orientation_rule_set" ("territory_id") WHERE status = 'active'`);

    await queryRunner.query(`
      CREATE TABLE "orientation_target_mix" (
        "territory_id" character varying(40) NOT NULL,
        "emploi" numeric(5,2) NOT NULL,
        "equilibre" numeric(5,2) NOT NULL,
        "remobilisation" numeric(5,2) NOT NULL,
        "version" integer NOT NULL DEFAULT '1',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_orientation_target_mix_total" CHECK (emploi >= 0 AND equilibre >= 0 AND remobilisation >= 0 AND abs(emploi + equilibre + remobilisation - 100) <= 0.01),
        CONSTRAINT "pk_orientation_target_mix" PRIMARY KEY ("territory_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "orientation_decision" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "path_id" uuid,
        "territory_id" character varying(40) NOT NULL,
        "kind" character varying(16) NOT NULL,
        "dominante" character varying(16) NOT NULL,
        "structure_kind" character varying(24) NOT NULL,
        "diagnostic_id" uuid NOT NULL,
        "diagnostic_version" integer NOT NULL,
        "diagnostic_on" date NOT NULL,
        "proposal" jsonb NOT NULL,
        "proposed_dominante" character varying(16) NOT NULL,
        "override" boolean NOT NULL,
        "override_reason" character varying(40),
        "deciders" uuid array NOT NULL,
        "agreement" character varying(16) NOT NULL,
        "agreement_on" date,
        "reorientation_request_id" uuid,
        "reason_code" character varying(40),
        "ep_on" date,
        "ep_opinion" character varying(16),
        "starts_on" date NOT NULL,
        "period_id" uuid NOT NULL,
        "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "decided_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_orientation_decision_kind" CHECK (kind IN ('orientation', 'reorientation')),
        CONSTRAINT "ck_orientation_decision_dominante" CHECK (dominante IN ('emploi', 'equilibre', 'remobilisation') AND proposed_dominante IN ('emploi', 'equilibre', 'remobilisation')),
        CONSTRAINT "ck_orientation_decision_override" CHECK (NOT override OR override_reason IS NOT NULL),
        CONSTRAINT "ck_orientation_decision_deciders" CHECK (cardinality(deciders) BETWEEN 1 AND 2),
        CONSTRAINT "ck_orientation_decision_agreement" CHECK (agreement IN ('agreed', 'disagreed', 'not-expressed') AND (agreement = 'not-expressed' OR agreement_on IS NOT NULL)),
        CONSTRAINT "ck_orientation_decision_ep_opinion" CHECK (ep_opinion IS NULL OR ep_opinion IN ('favourable', 'unfavourable')),
        CONSTRAINT "pk_orientation_decision" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_decision_person" ON "orientation_decision" ("person_id", "decided_at")`);

    await queryRunner.query(`
      CREATE TABLE "orientation_reorientation_request" (
        "id" uuid NOT NULL,
        "person_id" uuid NOT NULL,
        "territory_id" character varying(40) NOT NULL,
        "period_id" uuid NOT NULL,
        "from_dominante" character varying(16) NOT NULL,
        "proposed_dominante" character varying(16) NOT NULL,
        "proposed_structure_kind" character varying(24) NOT NULL,
        "reason_code" character varying(40) NOT NULL,
        "diagnostic_id" uuid NOT NULL,
        "diagnostic_version" integer NOT NULL,
        "ep_required" boolean NOT NULL,
        "ep_reasons" jsonb NOT NULL,
        "status" character varying(32) NOT NULL DEFAULT 'pending',
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "requested_by" character varying(200) NOT NULL,
        "requester_id" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "decided_by" character varying(200),
        "decision_reason" character varying(40),
        "ep_on" date,
        "ep_opinion" character varying(16),
        "decision_id" uuid,
        "version" integer NOT NULL DEFAULT '1',
        CONSTRAINT "ck_orientation_reorientation_request_status" CHECK (status IN ('pending', 'accepted', 'refused', 'closed-by-direct-reorientation')),
        CONSTRAINT "ck_orientation_reorientation_request_decided" CHECK ((status = 'pending') = (decided_at IS NULL)),
        CONSTRAINT "ck_orientation_reorientation_request_ep" CHECK (NOT ep_required OR status NOT IN ('accepted', 'refused') OR (ep_on IS NOT NULL AND ep_opinion IS NOT NULL)),
        CONSTRAINT "ck_orientation_reorientation_request_opinion" CHECK (ep_opinion IS NULL OR ep_opinion IN ('favourable', 'unfavourable')),
        CONSTRAINT "pk_orientation_reorientation_request" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_reorientation_request_person" ON "orientation_reorientation_request" ("person_id", "requested_at")`);
    await queryRunner.query(`CREATE INDEX "ix_orientation_reorientation_request_territory" ON "orientation_reorientation_request" ("territory_id", "requested_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orientation_reorientation_request_pending" ON "orientation_reorientation_request" ("person_id") WHERE status = 'pending'`);

    await queryRunner.query(`
      CREATE TABLE "orientation_dominante_code" (
        "departement" character varying(3) NOT NULL,
        "dominante" character varying(16) NOT NULL,
        "france_travail_parcours" character varying(20) NOT NULL,
        "casf_category" character varying(40) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" character varying(200) NOT NULL,
        CONSTRAINT "ck_orientation_dominante_code_dominante" CHECK (dominante IN ('emploi', 'equilibre', 'remobilisation')),
        CONSTRAINT "pk_orientation_dominante_code" PRIMARY KEY ("departement", "dominante")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orientation_dominante_code"`);
    await queryRunner.query(`DROP TABLE "orientation_reorientation_request"`);
    await queryRunner.query(`DROP TABLE "orientation_decision"`);
    await queryRunner.query(`DROP TABLE "orientation_target_mix"`);
    await queryRunner.query(`DROP TABLE "orientation_rule_set"`);
    await queryRunner.query(`DROP TRIGGER tr_orientation_diagnostic_version_immutable ON "orientation_diagnostic_version"`);
    await queryRunner.query(`DROP FUNCTION orientation_diagnostic_version_immutable()`);
    await queryRunner.query(`DROP TABLE "orientation_diagnostic_version"`);
    await queryRunner.query(`DROP TABLE "orientation_diagnostic"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail. Its integrity does not depend on the application:
 * - a BEFORE INSERT trigger takes a transaction lock, numbers the entry after the last one (gapless
 *   `seq`), stamps it with the clock, digests `sensitive` and chains it: hash = sha256(canonical
 *   text of every column but `sensitive`, including the previous hash);
 * - UPDATE is refused except the one retention may do (replace `sensitive` and set `anonymised_at`,
 *   once, nothing else), DELETE and TRUNCATE are refused.
 * The chain is checked by AuditTrail.verify (GET /audit/verify). A role owning the table could still
 * disable the triggers: production runs the application under a role that does not own its tables.
 */
export class AuditTrail1796100000001 implements MigrationInterface {
  name = 'AuditTrail1796100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" character varying(9) NOT NULL, "actor_ref" character varying(255), "actor_professional_id" uuid, "actor_habilitation_id" uuid, "actor_role" character varying(24), "actor_structure_id" uuid, "channel" character varying(8) NOT NULL, "request_id" character varying(100), "action" character varying(80) NOT NULL, "target_type" character varying(32), "target_id" character varying(100), "subject_ids" uuid array NOT NULL DEFAULT '{}', "outcome" character varying(8) NOT NULL, "reason_code" character varying(40), "detail" jsonb NOT NULL DEFAULT '{}', "sensitive" jsonb, "sensitive_digest" character varying(64), "anonymised_at" TIMESTAMP WITH TIME ZONE, "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "pk_audit_event" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_at" ON "audit_event" ("at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_professional_id", "at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_target" ON "audit_event" ("target_type", "target_id")`);
    // "Who accessed this person's file" (data-subject requests), lists included. GIN: not expressible in the entity.
    await queryRunner.query(`CREATE INDEX "ix_audit_event_subjects" ON "audit_event" USING gin ("subject_ids")`);

    // The text the hash covers: a JSON array (jsonb prints it the same way every time), timestamps in UTC.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_array(
          e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_kind, e.actor_ref,
          e.actor_professional_id, e.actor_habilitation_id, e.actor_role, e.actor_structure_id, e.channel, e.request_id,
          e.action, e.target_type, e.target_id, e.subject_ids, e.outcome, e.reason_code, e.detail, e.sensitive_digest, e.prev_hash
        )::text
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_seq bigint;
        last_hash varchar(64);
      BEGIN
        -- One appender at a time until commit: the next entry sees this one as the last.
        PERFORM pg_advisory_xact_lock(7260002);
        SELECT seq, hash INTO last_seq, last_hash FROM audit_event ORDER BY seq DESC LIMIT 1;
        NEW.seq := COALESCE(last_seq, 0) + 1;
        NEW.prev_hash := COALESCE(last_hash, repeat('0', 64));
        NEW.at := clock_timestamp();
        NEW.anonymised_at := NULL;
        NEW.sensitive_digest := CASE WHEN NEW.sensitive IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.sensitive::text, 'UTF8')), 'hex') END;
        NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);
    await queryRunner.query(`
      CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL
           AND (to_jsonb(NEW) - 'sensitive' - 'anonymised_at') = (to_jsonb(OLD) - 'sensitive' - 'anonymised_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_guard BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard()`);
    await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_guard()`);
    await queryRunner.query(`DROP FUNCTION audit_event_chain()`);
  }
}

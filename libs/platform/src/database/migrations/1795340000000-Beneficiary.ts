import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Beneficiary context: dossiers (by NUMDEMRSA) and when they were last carried, persons (NIR encrypted + keyed hash, identity key),
 * their membership of dossiers, the append-only rights history, rights events, and paths. The
 * partial unique index on open paths is what keeps a person from entering (and being convened) twice.
 * Generated from the entities, then reviewed. No foreign keys yet: the tables are written only by the
 * set-based applier (which generates the ids it links) and the entities declare no relations; adding
 * them is a follow-up once other contexts read these tables through relations.
 */
export class Beneficiary1795340000000 implements MigrationInterface {
  name = 'Beneficiary1795340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "beneficiary_rights_history" ("id" BIGSERIAL NOT NULL, "person_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "etatdosrsa" character varying(1) NOT NULL, "toppersdrodevorsa" boolean, "file_id" uuid NOT NULL, "flux_date" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_95c27cfaeba58ceb6ceb3a74e8c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ef205023f8b2798354c8d650e8" ON "beneficiary_rights_history" ("person_id", "flux_date")`);
    await queryRunner.query(`CREATE TABLE "beneficiary_rights_event" ("id" BIGSERIAL NOT NULL, "kind" character varying(32) NOT NULL, "dossier_id" uuid NOT NULL, "person_id" uuid, "etat_before" character varying(1), "etat_after" character varying(1), "file_id" uuid NOT NULL, "flux_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46f27b2e0cf0518339a943a5e49" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_70cac76edefd7351af23497684" ON "beneficiary_rights_event" ("person_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_aa0f7fa7b1e61b05da67ac4261" ON "beneficiary_rights_event" ("dossier_id", "flux_date")`);
    await queryRunner.query(`CREATE TABLE "beneficiary_path" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "origin" character varying(5) NOT NULL, "role_rsa" character varying(3) NOT NULL, "notification_date" date NOT NULL, "convocation_deadline" date NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'open', "opened_by_file_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" character varying(32), CONSTRAINT "PK_8df184ef4fd73bb0ba7ac238b33" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c75d717d77d30f17aa72765772" ON "beneficiary_path" ("notification_date")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_beneficiary_path_open_person" ON "beneficiary_path" ("person_id") WHERE status = 'open'`);
    await queryRunner.query(`CREATE TABLE "beneficiary_person" ("id" uuid NOT NULL, "nir_encrypted" bytea, "nir_hash" character varying(64), "nir_status" character varying(8) NOT NULL, "identity_key" character varying(160) NOT NULL, "identity_hash" character varying(64) NOT NULL, "qual" character varying(3), "nom" character varying(28) NOT NULL, "nomnai" character varying(28) NOT NULL, "prenom" character varying(32) NOT NULL, "prenom2" character varying(32), "prenom3" character varying(32), "nomcomnai" character varying(26), "dtnai" date NOT NULL, "typedtnai" character varying(1), "rgnai" character varying(2), "sexe" character varying(1), "topvaliec" boolean, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_571e44d797f761c41c7751ffd74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0518a870dd29bb62f8f5e652ff" ON "beneficiary_person" ("nir_hash")`);
    await queryRunner.query(`CREATE INDEX "IDX_583133ba789eefce763dedc4d7" ON "beneficiary_person" ("identity_key")`);
    await queryRunner.query(`CREATE TABLE "beneficiary_member" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role_rsa" character varying(3), "role_pfa" character varying(3), "topchapers_rsa" boolean, "toprespdos" boolean, "ddratdos" date, "dfratdos" date, "numdemrsaprece" character varying(11), "idassedic" character varying(8), "toppersdrodevorsa" boolean, "toppersentdrodevorsa" boolean, "mtpersressmenrsa" numeric(11,2), "blocks" jsonb NOT NULL, "payload_hash" character varying(64) NOT NULL, "hist_etatdosrsa" character varying(1), "hist_toppersdrodevorsa" boolean, "detached_at" TIMESTAMP WITH TIME ZONE, "detached_by_file_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_beneficiary_member_dossier_person" UNIQUE ("dossier_id", "person_id"), CONSTRAINT "PK_610a9a7e1cb67e2440422cdaa29" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3032795fbad99d968d1e0f74d0" ON "beneficiary_member" ("person_id")`);
    await queryRunner.query(`CREATE TABLE "beneficiary_dossier" ("id" uuid NOT NULL, "numdemrsa" character varying(11) NOT NULL, "matricule" character varying(15) NOT NULL, "fonorg" character varying(3) NOT NULL, "numorg" character varying(3) NOT NULL, "typeparte" character varying(4), "ideparte" character varying(3), "dtdemrsa" date NOT NULL, "etatdosrsa" character varying(1) NOT NULL, "rights_detail" jsonb NOT NULL, "sitfam" character varying(3) NOT NULL, "ddsitfam" date, "topsansdomfixe" boolean, "topfoydrodevorsa" boolean, "oridemrsa" character varying(3), "commune_insee" character varying(5), "addresses" jsonb NOT NULL, "blocks" jsonb NOT NULL, "evenements" jsonb NOT NULL, "unknown_codes" jsonb NOT NULL, "payload_hash" character varying(64) NOT NULL, "raw_hash" character varying(64), "first_file_id" uuid NOT NULL, "first_flux_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_daacdd285716cf8c44f1f4de6b4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1a4debe98765af5560c0a7911c" ON "beneficiary_dossier" ("numdemrsa")`);
    await queryRunner.query(`CREATE INDEX "IDX_6e4839ba74fea041d9240ed1e2" ON "beneficiary_dossier" ("etatdosrsa")`);
    await queryRunner.query(`CREATE INDEX "IDX_5989a0c722276db2bf214338b7" ON "beneficiary_dossier" ("commune_insee")`);
    // Touched by every import for every household it carries: narrow, and with room on each page so
    // those updates mostly stay there (fillfactor is not part of the entity, hence not of migration:check).
    await queryRunner.query(`CREATE TABLE "beneficiary_dossier_seen" ("dossier_id" uuid NOT NULL, "last_flux_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_file_id" uuid NOT NULL, "last_stock_file_id" uuid, "not_seen_in_stock_since" date, CONSTRAINT "PK_42e9e804806dd68dfcebe5d2c06" PRIMARY KEY ("dossier_id")) WITH (fillfactor = 80)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "beneficiary_dossier_seen"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5989a0c722276db2bf214338b7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e4839ba74fea041d9240ed1e2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1a4debe98765af5560c0a7911c"`);
    await queryRunner.query(`DROP TABLE "beneficiary_dossier"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3032795fbad99d968d1e0f74d0"`);
    await queryRunner.query(`DROP TABLE "beneficiary_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_583133ba789eefce763dedc4d7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0518a870dd29bb62f8f5e652ff"`);
    await queryRunner.query(`DROP TABLE "beneficiary_person"`);
    await queryRunner.query(`DROP INDEX "public"."uq_beneficiary_path_open_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c75d717d77d30f17aa72765772"`);
    await queryRunner.query(`DROP TABLE "beneficiary_path"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aa0f7fa7b1e61b05da67ac4261"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_70cac76edefd7351af23497684"`);
    await queryRunner.query(`DROP TABLE "beneficiary_rights_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ef205023f8b2798354c8d650e8"`);
    await queryRunner.query(`DROP TABLE "beneficiary_rights_history"`);
  }
}

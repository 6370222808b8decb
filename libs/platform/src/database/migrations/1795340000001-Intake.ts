import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake context: the file registry (unique SHA-256), per-household rejects with their raw XML,
 * anomalies to review, and the compressed raw blocks of changed households for replay and audit.
 */
export class Intake1795340000001 implements MigrationInterface {
  name = 'Intake1795340000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "intake_raw_batch" ("file_id" uuid NOT NULL, "seq" integer NOT NULL, "gz" bytea NOT NULL, "entries" jsonb NOT NULL, CONSTRAINT "PK_2581538a1791d662f8c359dad3f" PRIMARY KEY ("file_id", "seq"))`);
    await queryRunner.query(`CREATE TABLE "intake_file" ("id" uuid NOT NULL, "sha256" character varying(64) NOT NULL, "original_name" character varying(255) NOT NULL, "size_bytes" bigint NOT NULL, "storage_path" character varying(500), "channel" character varying(8) NOT NULL, "status" character varying(12) NOT NULL, "kind" character varying(8), "header" jsonb, "flux_at" TIMESTAMP WITH TIME ZONE, "error_code" character varying(24), "error_message" text, "report" jsonb, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6ad4cfe56fae3af04c1d9ee7e78" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e4f7386e583c71664edbf584df" ON "intake_file" ("sha256")`);
    await queryRunner.query(`CREATE INDEX "IDX_67b6bb7159f4a507bcbedd7a42" ON "intake_file" ("status")`);
    await queryRunner.query(`CREATE INDEX "IDX_c1e6650bf4d828285c03fb256c" ON "intake_file" ("flux_at")`);
    await queryRunner.query(`CREATE TABLE "intake_reject" ("id" BIGSERIAL NOT NULL, "file_id" uuid NOT NULL, "ordinal" integer NOT NULL, "numdemrsa" character varying(11), "matricule" character varying(15), "path" character varying(300) NOT NULL, "message" text NOT NULL, "raw_xml" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c393431a9821564f18257c54a9f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7280368204a5ce24964c164fb4" ON "intake_reject" ("file_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_5e4c1f10b375a3de6b890da454" ON "intake_reject" ("numdemrsa")`);
    await queryRunner.query(`CREATE TABLE "intake_anomaly" ("id" BIGSERIAL NOT NULL, "file_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "numdemrsa" character varying(11) NOT NULL, "person_id" uuid, "other_person_id" uuid, "detail" jsonb NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_796686c02cfb83bc3db870329b9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0425852db7c6bce905ac8f0ba2" ON "intake_anomaly" ("file_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_22d419d864dc706bf0cf8a6bff" ON "intake_anomaly" ("kind")`);
    await queryRunner.query(`CREATE INDEX "IDX_8a4dc0ffaca10ad4e228103fcb" ON "intake_anomaly" ("person_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8a4dc0ffaca10ad4e228103fcb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_22d419d864dc706bf0cf8a6bff"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0425852db7c6bce905ac8f0ba2"`);
    await queryRunner.query(`DROP TABLE "intake_anomaly"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5e4c1f10b375a3de6b890da454"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7280368204a5ce24964c164fb4"`);
    await queryRunner.query(`DROP TABLE "intake_reject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c1e6650bf4d828285c03fb256c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_67b6bb7159f4a507bcbedd7a42"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e4f7386e583c71664edbf584df"`);
    await queryRunner.query(`DROP TABLE "intake_file"`);
    await queryRunner.query(`DROP TABLE "intake_raw_batch"`);
  }
}

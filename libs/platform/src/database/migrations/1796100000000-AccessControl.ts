import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access context: territories and their communes, structures, professionals (personal accounts,
 * known by the identity provider's subject), habilitations (role, structure, dates, revocation,
 * extra permissions) and case grants (who may see one beneficiary's file beyond the territory's
 * coordination). Generated from the entities, then reviewed.
 */
export class AccessControl1796100000000 implements MigrationInterface {
  name = 'AccessControl1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "access_territory" ("id" character varying(40) NOT NULL, "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_access_territory" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "access_territory_commune" ("insee" character varying(5) NOT NULL, "territory_id" character varying(40) NOT NULL, "name" character varying(80) NOT NULL, CONSTRAINT "pk_access_territory_commune" PRIMARY KEY ("insee"))`);
    await queryRunner.query(`CREATE INDEX "ix_access_territory_commune_territory" ON "access_territory_commune" ("territory_id")`);
    await queryRunner.query(`CREATE TABLE "access_professional" ("id" uuid NOT NULL, "subject" character varying(255) NOT NULL, "display_name" character varying(160) NOT NULL, "email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_access_professional" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_access_professional_subject" ON "access_professional" ("subject")`);
    await queryRunner.query(`CREATE TABLE "access_structure" ("id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "name" character varying(160) NOT NULL, "code" character varying(40), "territory_id" character varying(40), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_access_structure" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_access_structure_code" ON "access_structure" ("code") WHERE code IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "access_habilitation" ("id" uuid NOT NULL, "professional_id" uuid NOT NULL, "role" character varying(24) NOT NULL, "structure_id" uuid NOT NULL, "territory_id" character varying(40), "extra_permissions" text array NOT NULL DEFAULT '{}', "valid_from" date NOT NULL, "valid_to" date, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" character varying(200) NOT NULL, CONSTRAINT "pk_access_habilitation" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_access_habilitation_professional" ON "access_habilitation" ("professional_id")`);
    await queryRunner.query(`CREATE TABLE "access_case_grant" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "professional_id" uuid, "structure_id" uuid, "basis" character varying(24) NOT NULL, "reason_code" character varying(40) NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "granted_by" character varying(200) NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_access_case_grant_grantee" CHECK (num_nonnulls(professional_id, structure_id) = 1), CONSTRAINT "pk_access_case_grant" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_access_case_grant_person" ON "access_case_grant" ("person_id")`);
    await queryRunner.query(`CREATE INDEX "ix_access_case_grant_professional" ON "access_case_grant" ("professional_id")`);
    await queryRunner.query(`CREATE INDEX "ix_access_case_grant_structure" ON "access_case_grant" ("structure_id")`);
    await queryRunner.query(`ALTER TABLE "access_territory_commune" ADD CONSTRAINT "fk_access_territory_commune_territory" FOREIGN KEY ("territory_id") REFERENCES "access_territory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "access_structure" ADD CONSTRAINT "fk_access_structure_territory" FOREIGN KEY ("territory_id") REFERENCES "access_territory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "access_habilitation" ADD CONSTRAINT "fk_access_habilitation_professional" FOREIGN KEY ("professional_id") REFERENCES "access_professional"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "access_habilitation" ADD CONSTRAINT "fk_access_habilitation_structure" FOREIGN KEY ("structure_id") REFERENCES "access_structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "access_habilitation" ADD CONSTRAINT "fk_access_habilitation_territory" FOREIGN KEY ("territory_id") REFERENCES "access_territory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "access_case_grant" ADD CONSTRAINT "fk_access_case_grant_professional" FOREIGN KEY ("professional_id") REFERENCES "access_professional"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "access_case_grant" ADD CONSTRAINT "fk_access_case_grant_structure" FOREIGN KEY ("structure_id") REFERENCES "access_structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "access_case_grant"`);
    await queryRunner.query(`DROP TABLE "access_habilitation"`);
    await queryRunner.query(`DROP TABLE "access_structure"`);
    await queryRunner.query(`DROP TABLE "access_professional"`);
    await queryRunner.query(`DROP TABLE "access_territory_commune"`);
    await queryRunner.query(`DROP TABLE "access_territory"`);
  }
}

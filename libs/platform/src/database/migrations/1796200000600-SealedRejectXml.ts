import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `intake_reject.raw_xml` becomes bytea: a rejected household's XML (NIRs, names, addresses) is now
 * sealed at rest by the NirVault, as the raw batches are. Rows written before keep their text as
 * UTF-8 bytes, which the reader tells apart by their first byte (`<`); `nir:rotate` seals them.
 * Written by hand and checked against the entities.
 */
export class SealedRejectXml1796200000600 implements MigrationInterface {
  name = 'SealedRejectXml1796200000600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_reject" ALTER COLUMN "raw_xml" TYPE bytea USING convert_to("raw_xml", 'UTF8')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Sealed rows cannot become text again without the key: they are emptied, as the retention job does.
    await queryRunner.query(`ALTER TABLE "intake_reject" ALTER COLUMN "raw_xml" TYPE text USING CASE WHEN length("raw_xml") = 0 THEN '' WHEN get_byte("raw_xml", 0) = 60 THEN convert_from("raw_xml", 'UTF8') ELSE '' END`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First migration: pgcrypto provides gen_random_uuid() for uuid primary keys (and digest() should
 * SQL ever need it). Contexts add their tables in later migrations of this same folder.
 */
export class Init1700000000000 implements MigrationInterface {
  name = 'Init1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS "pgcrypto"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS "pgcrypto"');
  }
}

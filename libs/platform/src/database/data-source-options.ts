import { join, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * `libs/` when running TypeScript (jest), `dist/libs/` when running the build: globs are resolved
 * from this file so the same options work in both, and never pick the other tree.
 */
const LIBS_DIR = resolve(__dirname, '..', '..', '..');

/** Every context's TypeORM entities: `libs/<ctx>/src/infrastructure/**\/*.entity.ts`. */
export const ENTITIES_GLOB = join(LIBS_DIR, '*', 'src', 'infrastructure', '**', '*.entity.{ts,js}');
/** One migrations folder for all contexts, ordered by the timestamp in the class name. */
export const MIGRATIONS_GLOB = join(LIBS_DIR, 'platform', 'src', 'database', 'migrations', '*.{ts,js}');

export interface DataSourceRole {
  /** Shown in pg_stat_activity: `rsa-api`, `rsa-worker`, `rsa-cli`. */
  readonly applicationName?: string;
  /** Pool size (pg default 10). */
  readonly poolSize?: number;
}

/**
 * PostgreSQL options shared by Nest (DatabaseModule), the TypeORM CLI (data-source.ts) and tests.
 * Schema changes only ever come from migrations, run as a deploy step: never synchronize, never
 * migrate at boot.
 */
export function buildDataSourceOptions(config: AppConfig, role: DataSourceRole = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    applicationName: role.applicationName ?? 'rsa',
    poolSize: role.poolSize,
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    entities: [ENTITIES_GLOB],
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    // gen_random_uuid() (pgcrypto, created by the Init migration) rather than uuid-ossp; the
    // extension is installed by the migration, not by TypeORM at connection time.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // TypeORM's logger prints query parameters, which carry NIRs and names: keep it off; failing
    // queries surface as exceptions, logged (redacted) by their caller.
    logging: false,
  };
}

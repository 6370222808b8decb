import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The pg pool behind TypeORM's data source: bulk SQL and COPY go straight to `pg` (no entity
 * mapping on hot paths) while sharing TypeORM's connections and configuration.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}

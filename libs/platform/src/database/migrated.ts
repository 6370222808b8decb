import type { DataSource } from 'typeorm';

export const MIGRATIONS_PENDING = 'migrations pending: run npm run migration:run';

/**
 * Whether the database holds every migration this build knows. A process started before
 * `migration:run` (or against the wrong database) would answer 500s and fail its jobs with raw
 * database errors: the API reports it as not ready, the worker does not start.
 */
export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

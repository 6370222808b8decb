import { Injectable } from '@nestjs/common';
import { HealthCheckError, HealthIndicator, HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { hasPendingMigrations, MIGRATIONS_PENDING } from '../database/migrated';
import { withTimeout } from './with-timeout';

/**
 * The schema this build expects is the database's: a process started before `migration:run` (or
 * against the wrong database) would answer 500s and mark imports failed with raw database errors.
 * Not ready until the migrations it knows are all applied.
 */
@Injectable()
export class MigrationsHealthIndicator extends HealthIndicator {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async check(key = 'migrations'): Promise<HealthIndicatorResult> {
    const pending = await withTimeout(hasPendingMigrations(this.dataSource), 2_000, key).catch((error: Error) => error);
    if (pending instanceof Error) throw new HealthCheckError(key, this.getStatus(key, false, { message: pending.message }));
    if (pending) throw new HealthCheckError(key, this.getStatus(key, false, { message: MIGRATIONS_PENDING }));
    return this.getStatus(key, true);
  }
}

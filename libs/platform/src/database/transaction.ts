import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRunnerOf, type SqlRunner } from './bulk-sql';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. Given an
 * EntityManager already inside a transaction, it joins it instead of opening a nested one, so a
 * command handler can call helpers that also "run in a transaction".
 */
export async function runInTransaction<T>(
  target: DataSource | EntityManager,
  work: (manager: EntityManager) => Promise<T>,
  isolation: IsolationLevel = 'READ COMMITTED',
): Promise<T> {
  if (target instanceof EntityManager && target.queryRunner?.isTransactionActive) return work(target);
  return target.transaction(isolation, work);
}

/** Runs `work` in one transaction on a connection of the pg pool (the SQL side of the contexts). */
export async function inPgTransaction<T>(pool: Pool, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(sqlRunnerOf(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Positional parameters for SQL assembled from parts (filters contributed by several contexts):
 * `params.add(value)` returns its `$n`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

import { DataSource, EntityManager } from 'typeorm';
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

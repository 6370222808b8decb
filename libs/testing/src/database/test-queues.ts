import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig, loadAppConfig, redisOptionsFromUrl } from '@rsa/platform';
import { assertTestName } from './guard';

export interface TestQueues {
  /** BullMQ prefix of its own (`rsa-test-<pid>-<random>`): keys never collide across test files. */
  readonly prefix: string;
  /** `config` with this prefix. */
  readonly config: AppConfig;
  /** Deletes every key under the prefix. Call it in afterAll, after closing the app. */
  cleanup(): Promise<void>;
}

/**
 * Redis isolation for a test file: a unique BullMQ prefix on the shared Redis, and its cleanup.
 * Combine with createTestDatabase: `createTestQueues({ config: db.config })`.
 */
export function createTestQueues(options: { config?: AppConfig } = {}): TestQueues {
  const base = options.config ?? loadAppConfig();
  const prefix = `rsa-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  assertTestName(prefix, 'Redis prefix');
  return {
    prefix,
    config: base.with({ queuePrefix: prefix }),
    cleanup: () => deleteKeysWithPrefix(base.redisUrl, prefix),
  };
}

export async function deleteKeysWithPrefix(redisUrl: string, prefix: string): Promise<void> {
  assertTestName(prefix, 'Redis prefix');
  const redis = new Redis({ ...redisOptionsFromUrl(redisUrl), lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

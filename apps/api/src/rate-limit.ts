import { createHash } from 'node:crypto';
import { ExecutionContext, Injectable, Logger, Module } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerModule, type ThrottlerRequest } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppConfig, redisOptionsFromUrl, ROUTE_ACCESS_KEY, type RouteAccess } from '@rsa/platform';

/**
 * The rate limit's counters live in Redis, so every API instance shares them. A provider of its
 * own (not a bare instance in the throttler's options) so Nest closes its connection on shutdown.
 */
@Injectable()
export class RedisThrottlerStorage extends ThrottlerStorageRedisService {
  constructor(config: AppConfig) {
    // No offline queue: with Redis away a count fails at once instead of holding the request.
    super({ ...redisOptionsFromUrl(config.redisUrl), keyPrefix: `${config.queuePrefix}:throttle:`, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  }
}

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class RateLimitStorageModule {}

/** HTTP_RATE_LIMIT_PER_MINUTE requests per minute and client address; 429 beyond. */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  imports: [RateLimitStorageModule],
  inject: [AppConfig, RedisThrottlerStorage],
  useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
    throttlers: [{ name: 'per-minute', ttl: 60_000, limit: config.http.rateLimitPerMinute }],
    storage,
  }),
});

/**
 * The rate limit, before authentication. Health probes are not limited (the orchestrator polls
 * them). If Redis cannot count, requests go through and a warning is logged: the limit protects
 * the API, it must not take it down with Redis (whose absence /health/ready reports).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly warnings = new Logger(RateLimitGuard.name);
  private lastWarning = 0;

  /**
   * One count per client address for the whole API (the throttler's own key adds the controller and
   * handler, which made it HTTP_RATE_LIMIT_PER_MINUTE per route: a hundred times the limit). The
   * address is hashed: no client address in Redis keys.
   */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return createHash('sha256').update(`${name}-${suffix}`).digest('hex');
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS_KEY, [context.getHandler(), context.getClass()]);
    return access?.kind === 'public';
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.warnings.warn({ msg: 'rate limit not enforced: its counters are unreachable', error: (error as Error).message });
      }
      return true;
    }
  }
}

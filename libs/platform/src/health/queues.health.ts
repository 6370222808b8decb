import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { HealthCheckError, HealthIndicator, HealthIndicatorResult } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from '../queue/redis-connection';
import { QueueName } from '../queue/queue-names';
import { withTimeout } from './with-timeout';

const TIMEOUT_MS = 2_000;

/** Redis PING, and each queue's counts (a growing `waiting` or `failed` is what to alert on). */
@Injectable()
export class QueuesHealthIndicator extends HealthIndicator implements OnModuleDestroy {
  /** Its own connection: fails fast (one try) instead of queueing commands while reconnecting. */
  private readonly client: Redis;

  constructor(
    private readonly moduleRef: ModuleRef,
    config: AppConfig,
  ) {
    super();
    this.client = new Redis({
      ...redisOptionsFromUrl(config.redisUrl),
      lazyConnect: true,
      connectTimeout: TIMEOUT_MS,
      maxRetriesPerRequest: 1,
    });
    this.client.on('error', () => undefined); // reported by the probe, not as unhandled errors
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }

  async redis(key = 'redis'): Promise<HealthIndicatorResult> {
    try {
      const pong = await withTimeout(this.client.ping(), TIMEOUT_MS, 'redis');
      return this.getStatus(key, pong === 'PONG');
    } catch (error) {
      throw new HealthCheckError('redis', this.getStatus(key, false, { message: (error as Error).message }));
    }
  }

  async counts(name: QueueName): Promise<HealthIndicatorResult> {
    const key = `queue:${name}`;
    try {
      const counts = await withTimeout(this.queue(name).getJobCounts('waiting', 'active', 'failed', 'delayed'), TIMEOUT_MS, key);
      return this.getStatus(key, true, counts);
    } catch (error) {
      throw new HealthCheckError(key, this.getStatus(key, false, { message: (error as Error).message }));
    }
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

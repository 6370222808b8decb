import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QUEUE_NAMES } from './queue-names';

const QUIET_MS = 60_000;

/**
 * A Queue re-emits its Redis connection errors; an EventEmitter 'error' without a listener throws,
 * which would take the API down with Redis. Log them instead (once a minute per queue: ioredis
 * retries every few seconds), and let /health/ready report Redis as down.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private readonly lastLogged = new Map<string, number>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error: Error) => {
        const now = Date.now();
        if (now - (this.lastLogged.get(name) ?? 0) < QUIET_MS) return;
        this.lastLogged.set(name, now);
        this.logger.error(`Queue ${name}: ${error.message}`);
      });
    }
  }
}

import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../http/route-access';
import { QUEUE_NAMES } from '../queue/queue-names';
import { MigrationsHealthIndicator } from './migrations.health';
import { QueuesHealthIndicator } from './queues.health';
import { SchedulesHealthIndicator } from './schedules.health';

/** Probes of the orchestrator: reachable without a token, and they reveal no personal data. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queues: QueuesHealthIndicator,
    private readonly schedules: SchedulesHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  /** Liveness: the process answers. Checks nothing else, so a database outage never restarts us. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL reachable and migrated, Redis and every queue reachable (503 otherwise); missed schedules as a warning. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2_000 }),
        () => this.migrations.check(),
        () => this.queues.redis(),
        ...QUEUE_NAMES.map((name) => () => this.queues.counts(name)),
        () => this.schedules.check(),
      ]);
    } catch (error) {
      // Keep terminus' body (which check failed) rather than the generic error shape.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as object;
    }
  }
}

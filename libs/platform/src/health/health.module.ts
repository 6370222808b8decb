import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ScheduleDefinition } from '../queue/schedule';
import { HealthController } from './health.controller';
import { MigrationsHealthIndicator } from './migrations.health';
import { QueuesHealthIndicator } from './queues.health';
import { HEALTH_SCHEDULES, SchedulesHealthIndicator } from './schedules.health';

export interface HealthModuleOptions {
  /** The worker's schedule table, to warn about expected runs that did not happen. */
  readonly schedules?: readonly ScheduleDefinition[];
}

/** `/health/live` and `/health/ready`. Needs DatabaseModule and QueueModule. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [
        QueuesHealthIndicator,
        SchedulesHealthIndicator,
        MigrationsHealthIndicator,
        { provide: HEALTH_SCHEDULES, useValue: options.schedules ?? [] },
      ],
    };
  }
}

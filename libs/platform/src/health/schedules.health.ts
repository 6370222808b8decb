import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicator, HealthIndicatorResult } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { resolveSchedules, ScheduleDefinition } from '../queue/schedule';
import { ScheduledRunService } from '../queue/scheduled-run.service';

export const HEALTH_SCHEDULES = Symbol('HEALTH_SCHEDULES');

/**
 * A warning, never a failure: a missed nightly import is for a human to look at, not a reason for
 * the orchestrator to pull the API out of rotation. Always `up`, with `missed` listing schedules
 * whose expected run did not happen (or failed).
 */
@Injectable()
export class SchedulesHealthIndicator extends HealthIndicator {
  constructor(
    private readonly runs: ScheduledRunService,
    private readonly config: AppConfig,
    @Inject(HEALTH_SCHEDULES) private readonly schedules: readonly ScheduleDefinition[],
  ) {
    super();
  }

  async check(key = 'schedules'): Promise<HealthIndicatorResult> {
    try {
      const missed = await this.runs.findMissed(resolveSchedules(this.schedules, this.config));
      return this.getStatus(key, true, { count: this.schedules.length, warning: missed.length > 0, missed });
    } catch (error) {
      return this.getStatus(key, true, { warning: true, message: `could not check: ${(error as Error).message}` });
    }
  }
}

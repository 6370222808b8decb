import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledRunOutcome } from '../infrastructure/scheduled-run.entity';
import { previousOccurrence, ResolvedSchedule } from './schedule';

export interface MissedRun {
  readonly schedule: string;
  /** The occurrence that should have run by now. */
  readonly expectedAt: Date;
  readonly lastExpectedAt: Date | null;
  readonly lastOutcome: ScheduledRunOutcome | null;
  /** never-run: no run on record; not-run: the last run answers an older occurrence; failed: the last attempt failed. */
  readonly reason: 'never-run' | 'not-run' | 'failed';
}

/**
 * The record of scheduled runs (`scheduled_run`). The worker writes one row per attempt of a
 * scheduled job; /health/ready lists the schedules whose expected run did not happen.
 */
@Injectable()
export class ScheduledRunService {
  constructor(private readonly dataSource: DataSource) {}

  async start(scheduleName: string, expectedAt: Date, detail: Record<string, unknown> = {}): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO scheduled_run (schedule_name, expected_at, started_at, outcome, detail)
       VALUES ($1, $2, now(), 'running', $3::jsonb) RETURNING id`,
      [scheduleName, expectedAt, JSON.stringify(detail)],
    );
    return rows[0].id;
  }

  async finish(id: string, outcome: Exclude<ScheduledRunOutcome, 'running'>, detail: Record<string, unknown> = {}): Promise<void> {
    await this.dataSource.query(
      `UPDATE scheduled_run SET finished_at = now(), outcome = $2, detail = COALESCE(detail, '{}'::jsonb) || $3::jsonb WHERE id = $1`,
      [id, outcome, JSON.stringify(detail)],
    );
  }

  /** Records `work` as one run of `scheduleName`, failed if it throws (the error is rethrown). */
  async record<T>(scheduleName: string, expectedAt: Date, work: () => Promise<T>, detail: Record<string, unknown> = {}): Promise<T> {
    const id = await this.start(scheduleName, expectedAt, detail);
    try {
      const result = await work();
      await this.finish(id, 'succeeded');
      return result;
    } catch (error) {
      await this.finish(id, 'failed', { error: errorMessage(error) });
      throw error;
    }
  }

  /**
   * Schedules whose latest expected occurrence (older than its grace period) has no run, or whose
   * latest run failed. Uses the most recent run of each schedule.
   */
  async findMissed(schedules: readonly ResolvedSchedule[], now: Date = new Date()): Promise<MissedRun[]> {
    if (schedules.length === 0) return [];
    const rows: { schedule_name: string; expected_at: Date; outcome: ScheduledRunOutcome }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (schedule_name) schedule_name, expected_at, outcome
         FROM scheduled_run WHERE schedule_name = ANY($1)
        ORDER BY schedule_name, expected_at DESC, started_at DESC`,
      [schedules.map((s) => s.name)],
    );
    const last = new Map(rows.map((r) => [r.schedule_name, r]));
    const missed: MissedRun[] = [];
    for (const schedule of schedules) {
      const expectedAt = previousOccurrence(schedule.pattern, schedule.tz, new Date(now.getTime() - schedule.graceMs));
      const run = last.get(schedule.name);
      const base = { schedule: schedule.name, expectedAt, lastExpectedAt: run?.expected_at ?? null, lastOutcome: run?.outcome ?? null };
      if (!run) missed.push({ ...base, reason: 'never-run' });
      else if (run.expected_at.getTime() < expectedAt.getTime()) missed.push({ ...base, reason: 'not-run' });
      else if (run.outcome === 'failed') missed.push({ ...base, reason: 'failed' });
    }
    return missed;
  }
}

export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

import { parseExpression } from 'cron-parser';
import { AppConfig } from '../config/app-config';
import { JobDefinition } from './job-definition';
import { QueueName } from './queue-names';

/** A line of the worker's schedule table (apps/worker/src/schedules.ts). */
export interface ScheduleDefinition<P = unknown> {
  /** Deterministic BullMQ job-scheduler id, and the name in `scheduled_run`. */
  readonly name: string;
  /** The job to enqueue at each occurrence (its queue and name). */
  readonly job: JobDefinition<P>;
  /** Cron pattern, or read from config (e.g. `(c) => c.intake.nightlyCron`). */
  readonly pattern: string | ((config: AppConfig) => string);
  /** IANA zone of the pattern; default TZ_BUSINESS (Europe/Paris), so 02:30 stays 02:30 across DST. */
  readonly tz?: string;
  readonly data?: P;
  /** How late a run may start before it counts as missed. Default one hour (queues may be busy). */
  readonly graceMs?: number;
}

export interface ResolvedSchedule {
  readonly name: string;
  readonly queue: QueueName;
  readonly jobName: string;
  readonly pattern: string;
  readonly tz: string;
  readonly data: unknown;
  readonly graceMs: number;
}

const DEFAULT_GRACE_MS = 60 * 60 * 1000;

/** Applies config and defaults; throws on a duplicate name or a bad pattern (at boot). */
export function resolveSchedules(definitions: readonly ScheduleDefinition[], config: AppConfig): ResolvedSchedule[] {
  const seen = new Set<string>();
  return definitions.map((def) => {
    if (seen.has(def.name)) throw new Error(`Schedule "${def.name}" is defined twice`);
    seen.add(def.name);
    const pattern = typeof def.pattern === 'function' ? def.pattern(config) : def.pattern;
    const tz = def.tz ?? config.businessTimeZone;
    try {
      parseExpression(pattern, { tz });
    } catch (error) {
      throw new Error(`Schedule "${def.name}": bad cron pattern "${pattern}" (${(error as Error).message})`);
    }
    return {
      name: def.name,
      queue: def.job.queue,
      jobName: def.job.name,
      pattern,
      tz,
      data: def.data ?? {},
      graceMs: def.graceMs ?? DEFAULT_GRACE_MS,
    };
  });
}

/** The last occurrence of `pattern` (in `tz`) at or before `at`. */
export function previousOccurrence(pattern: string, tz: string, at: Date): Date {
  // cron-parser's prev() is strict ("before"): start 1 ms later so an occurrence at `at` counts.
  return parseExpression(pattern, { tz, currentDate: new Date(at.getTime() + 1) }).prev().toDate();
}

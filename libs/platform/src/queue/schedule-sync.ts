import { Queue } from 'bullmq';
import { QueueName } from './queue-names';
import { ResolvedSchedule } from './schedule';

/**
 * Makes Redis match the schedule table: upserts one job scheduler per schedule (its name is the
 * scheduler id, so re-running this at every boot changes nothing) and removes schedulers that are
 * no longer in the table. The table is the only source of job schedulers.
 */
export async function syncJobSchedulers(
  schedules: readonly ResolvedSchedule[],
  queueOf: (name: QueueName) => Queue,
  queueNames: readonly QueueName[],
): Promise<{ upserted: string[]; removed: string[] }> {
  const upserted: string[] = [];
  const removed: string[] = [];
  for (const schedule of schedules) {
    await queueOf(schedule.queue).upsertJobScheduler(
      schedule.name,
      { pattern: schedule.pattern, tz: schedule.tz },
      { name: schedule.jobName, data: schedule.data },
    );
    upserted.push(schedule.name);
  }
  for (const queueName of queueNames) {
    const queue = queueOf(queueName);
    const wanted = new Set(schedules.filter((s) => s.queue === queueName).map((s) => s.name));
    for (const existing of await queue.getJobSchedulers()) {
      if (!wanted.has(existing.key)) {
        await queue.removeJobScheduler(existing.key);
        removed.push(existing.key);
      }
    }
  }
  return { upserted, removed };
}

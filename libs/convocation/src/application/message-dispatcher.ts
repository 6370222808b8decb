import type { Pool } from 'pg';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { JobProducer } from '@rsa/platform';
import { SEND_MESSAGE_JOB, sendMessageJobId } from './convocation-jobs';

/** A message claimed this long ago and still "sending" was left by a worker that died: it goes back. */
export const STALE_CLAIM_MS = 10 * 60_000;
const SWEEP_LIMIT = 20_000;

export interface SweepReport {
  reclaimed: number;
  enqueued: number;
}

/**
 * The outbox relay. The database is the schedule: a message is due when its row says so, whatever
 * Redis holds. The sweeper runs every minute (CONVOCATION_SWEEP_CRON): messages claimed by a worker
 * that died go back to pending, and every pending message that is due is handed to the queue under
 * a deterministic job id (one per attempt), so handing it twice queues it once.
 */
export class MessageDispatcher {
  constructor(
    private readonly pool: Pool,
    private readonly jobs: JobProducer,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async sweep(actor: Actor): Promise<SweepReport> {
    await this.policy.require(actor, Permission.ConvocationRun, { action: 'notification.sweep' });
    const now = this.clock.now();
    // Due again now: a new due time is a new job id, so the job the dead worker held (stalled in
    // Redis until BullMQ notices) does not hide it; if that job runs later, the claim stops it.
    const reclaimed = await this.pool.query(
      `UPDATE notification_message SET status = 'pending', claimed_at = NULL, due_at = $2 WHERE status = 'sending' AND claimed_at < $1`,
      [new Date(now.getTime() - STALE_CLAIM_MS), now],
    );
    const { rows } = await this.pool.query<{ id: string; due_at: Date }>(
      `SELECT id, due_at FROM notification_message WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2`,
      [now, SWEEP_LIMIT],
    );
    await this.enqueue(rows);
    return { reclaimed: reclaimed.rowCount ?? 0, enqueued: rows.length };
  }

  /** Queues these messages now (the planner does it for what it just wrote, without waiting for the sweeper). */
  async enqueue(messages: readonly { id: string; due_at: Date }[]): Promise<void> {
    const queue = this.jobs.queue(SEND_MESSAGE_JOB.queue);
    for (let i = 0; i < messages.length; i += 1000) {
      await queue.addBulk(
        messages.slice(i, i + 1000).map((m) => ({ name: SEND_MESSAGE_JOB.name, data: { messageId: m.id }, opts: { jobId: sendMessageJobId(m.id, new Date(m.due_at)) } })),
      );
    }
  }
}

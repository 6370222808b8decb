import type { Pool } from 'pg';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { JobProducer } from '@rsa/platform';
import { SEND_DUE_MESSAGES_JOB } from './convocation-jobs';
import { SEND_BATCH } from './message-sender';

/** A message claimed this long ago and still "sending" was left by a worker that died: it goes back. */
export const STALE_CLAIM_MS = 10 * 60_000;
/**
 * Sending jobs queued at most for one backlog: as many as the worker processes run side by side
 * (QUEUE_CONCURRENCY.notifications, 8, times two processes), each taking batches until none is left.
 */
export const MAX_SENDERS = 16;

export interface SweepReport {
  /** Messages taken back from a worker that stopped holding them. */
  reclaimed: number;
  /** Messages due now. */
  due: number;
  /** Sending jobs queued for them. */
  senders: number;
}

/**
 * The outbox relay. The database is the schedule: a message is due when its row says so, whatever
 * Redis holds. The sweeper runs every minute (CONVOCATION_SWEEP_CRON): messages claimed by a worker
 * that died go back to pending, and when messages are due, sending jobs are queued for them (one per
 * batch, at most MAX_SENDERS), so what Redis lost or what came due since is sent within a minute.
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
    const [{ due }] = (await this.pool.query<{ due: number }>(`SELECT count(*)::int AS due FROM notification_message WHERE status = 'pending' AND due_at <= $1`, [now])).rows;
    return { reclaimed: reclaimed.rowCount ?? 0, due, senders: await this.wake(due) };
  }

  /**
   * Queues sending jobs for this many messages just made due (the planner and the appointment
   * commands do it for what they wrote, without waiting for the sweeper). Returns the jobs queued.
   */
  async wake(dueMessages: number): Promise<number> {
    const senders = Math.min(MAX_SENDERS, Math.ceil(dueMessages / SEND_BATCH));
    if (senders === 0) return 0;
    await this.jobs.queue(SEND_DUE_MESSAGES_JOB.queue).addBulk(Array.from({ length: senders }, () => ({ name: SEND_DUE_MESSAGES_JOB.name, data: {} })));
    return senders;
  }
}

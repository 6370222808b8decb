import type { Pool } from 'pg';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { JobProducer } from '@rsa/platform';
import { SEND_MESSAGES_JOB, sendMessagesJobId, type DueMessage } from './convocation-jobs';
import { SEND_BATCH } from './message-sender';

/** A message claimed this long ago and still "sending" was left by a worker that died: it goes back. */
export const STALE_CLAIM_MS = 10 * 60_000;
/** Due messages one sweep queues at most (the next sweep takes the rest). */
const SWEEP_LIMIT = 20_000;

export interface SweepReport {
  /** Messages taken back from a worker that stopped holding them. */
  reclaimed: number;
  /** Messages due now, handed to the queue. */
  due: number;
  /** The batches (jobs) they make. */
  batches: number;
}

/**
 * The outbox relay. The database is the schedule: a message is due when its row says so, whatever
 * Redis holds. The sweeper runs every minute (CONVOCATION_SWEEP_CRON): messages claimed by a worker
 * that died go back to pending, and every pending message that is due is queued again, in batches
 * under deterministic job ids: a batch still queued is not queued twice, and what Redis lost or what
 * came due since is sent within a minute.
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
    const { rows } = await this.pool.query<DueMessage>(
      `SELECT id, due_at, channel FROM notification_message WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2`,
      [now, SWEEP_LIMIT],
    );
    return { reclaimed: reclaimed.rowCount ?? 0, due: rows.length, batches: await this.enqueue(rows) };
  }

  /**
   * Queues these due messages (the planner and the appointment commands do it for what they just
   * wrote, without waiting for the sweeper), in batches of one channel, SEND_BATCH at most, in due
   * order: a slow channel (an SMTP relay) does not hold up letters and SMS. Returns the batches.
   */
  async enqueue(messages: readonly DueMessage[]): Promise<number> {
    const byChannel = new Map<string, DueMessage[]>();
    for (const m of messages) {
      const ofChannel = byChannel.get(m.channel);
      if (ofChannel) ofChannel.push(m);
      else byChannel.set(m.channel, [m]);
    }
    const batches: DueMessage[][] = [];
    for (const [, ofChannel] of [...byChannel].sort(([a], [b]) => (a < b ? -1 : 1))) {
      ofChannel.sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let i = 0; i < ofChannel.length; i += SEND_BATCH) batches.push(ofChannel.slice(i, i + SEND_BATCH));
    }
    const queue = this.jobs.queue(SEND_MESSAGES_JOB.queue);
    for (let i = 0; i < batches.length; i += 200) {
      await queue.addBulk(
        batches.slice(i, i + 200).map((batch) => ({ name: SEND_MESSAGES_JOB.name, data: { messageIds: batch.map((m) => m.id) }, opts: { jobId: sendMessagesJobId(batch) } })),
      );
    }
    return batches.length;
  }
}

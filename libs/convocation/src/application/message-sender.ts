import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Clock, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { inPgTransaction, sqlRunnerOf, type Metrics } from '@rsa/platform';
import type { Counter } from 'prom-client';
import { EmailChannel, LetterChannel, PermanentDeliveryError, SmsChannel, type Delivery } from './channels';
import { ALERT_INSERT, bulk } from './convocation-sql';
import { loadMessages, noticeOf, staleness, type LoadedMessage } from './notice-loader';
import { policiesOf } from './policies';
import { nextSendingInstant } from '../domain/send-window';

export type SendOutcome = 'sent' | 'failed' | 'retry' | 'deferred' | 'skipped' | 'cancelled' | 'not-claimed';

/** Attempts before a message that keeps failing for passing reasons is given up (and its person listed). */
export const MAX_ATTEMPTS = 8;
/** Back-off of the next attempt after the nth failure: 1, 2, 4, 8 … minutes, at most 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 * 3600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Why a permanent failure means the person cannot be reached by that channel. */
const UNREACHABLE_REASONS = new Set(['no-postal-address', 'invalid-number', 'smtp-rejected', 'invalid-address']);

/**
 * Sends one message of the outbox. It first claims the row (pending -> sending, in its own
 * statement: two workers never both send it), checks it is still worth sending (appointment still
 * on and at that version, consent, not too late; SMS and email only inside the sending window),
 * hands it to its channel (each idempotent on the message key), then records the outcome and a
 * receipt. A passing failure puts it back to pending with a later due time (the sweeper hands it to
 * the queue again); a permanent one fails it and lists the person as unreachable.
 */
export class MessageSender {
  private readonly sent: Counter<'channel' | 'outcome'>;

  constructor(
    private readonly pool: Pool,
    private readonly channels: { letter: LetterChannel; email: EmailChannel; sms: SmsChannel },
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
    metrics: Metrics,
  ) {
    this.sent = metrics.counter({ name: 'notification_messages_total', help: 'Messages handled by the sender, by channel and outcome', labelNames: ['channel', 'outcome'] });
  }

  async send(actor: Actor, messageId: string): Promise<SendOutcome> {
    await this.policy.require(actor, Permission.ConvocationRun, { action: 'notification.send' });
    const now = this.clock.now();
    const claimed = await this.pool.query(
      `UPDATE notification_message SET status = 'sending', claimed_at = $2, attempts = attempts + 1
        WHERE id = $1 AND status = 'pending' AND due_at <= $2 RETURNING id`,
      [messageId, now],
    );
    if (claimed.rowCount === 0) return 'not-claimed';
    const [message] = await loadMessages(sqlRunnerOf(this.pool), [messageId]);
    const outcome = await this.deliver(message, now);
    this.sent.inc({ channel: message.channel, outcome });
    return outcome;
  }

  private async deliver(m: LoadedMessage, now: Date): Promise<SendOutcome> {
    const stale = staleness(m, now);
    if (stale) {
      await this.finish(m.id, stale.status, stale.outcome, now);
      return stale.status;
    }
    if (m.channel !== 'letter') {
      const policy = (await policiesOf(sqlRunnerOf(this.pool), [m.territoryId]))(m.territoryId);
      const opening = nextSendingInstant(now, policy);
      if (opening.getTime() > now.getTime()) {
        // Never at night: back to the queue for the next opening (not an attempt).
        await this.pool.query(`UPDATE notification_message SET status = 'pending', due_at = $2, claimed_at = NULL, attempts = attempts - 1 WHERE id = $1`, [m.id, opening]);
        return 'deferred';
      }
    }
    const notice = noticeOf(m, parisDateOf(now));
    let delivery: Delivery;
    try {
      delivery =
        m.channel === 'letter'
          ? await this.channels.letter.send(notice)
          : m.channel === 'email'
            ? await this.channels.email.send(notice, m.email as string)
            : await this.channels.sms.send(notice, m.phone as string);
    } catch (error) {
      return this.failed(m, error, now);
    }
    await inPgTransaction(this.pool, async (runner) => {
      await runner.query(`UPDATE notification_message SET status = 'sent', sent_at = $2, outcome = NULL WHERE id = $1`, [m.id, now]);
      await runner.query(
        `INSERT INTO notification_receipt (message_id, at, channel, provider, provider_message_id, status) VALUES ($1, $2, $3, $4, $5, 'delivered')`,
        [m.id, now, m.channel, delivery.provider, delivery.providerMessageId],
      );
    });
    return 'sent';
  }

  private async failed(m: LoadedMessage, error: unknown, now: Date): Promise<SendOutcome> {
    const permanent = error instanceof PermanentDeliveryError;
    const giveUp = permanent || m.attempts >= MAX_ATTEMPTS;
    const reason = permanent ? error.reason : m.attempts >= MAX_ATTEMPTS ? 'gave-up' : 'transient';
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    await inPgTransaction(this.pool, async (runner) => {
      await runner.query(
        `INSERT INTO notification_receipt (message_id, at, channel, provider, status, error) VALUES ($1, $2, $3, $4, $5, $6)`,
        [m.id, now, m.channel, m.channel === 'letter' ? 'print-folder' : m.channel === 'email' ? 'smtp' : 'sms-http', permanent ? 'failed-permanent' : 'failed-transient', text],
      );
      if (giveUp) {
        await runner.query(`UPDATE notification_message SET status = 'failed', outcome = $2 WHERE id = $1`, [m.id, reason]);
        if (!permanent || UNREACHABLE_REASONS.has(reason)) {
          await bulk(runner, ALERT_INSERT, [
            { id: randomUUID(), territory_id: m.territoryId, kind: 'unreachable', path_id: m.pathId, person_id: m.personId, detail: { channel: m.channel, reason, messageId: m.id } },
          ]);
        }
      } else {
        await runner.query(`UPDATE notification_message SET status = 'pending', claimed_at = NULL, outcome = 'transient', due_at = $2 WHERE id = $1`, [
          m.id,
          new Date(now.getTime() + retryDelayMs(m.attempts)),
        ]);
      }
    });
    return giveUp ? 'failed' : 'retry';
  }

  private async finish(id: string, status: 'cancelled' | 'skipped', outcome: string, now: Date): Promise<void> {
    await this.pool.query(`UPDATE notification_message SET status = $2, outcome = $3, sent_at = NULL, claimed_at = $4 WHERE id = $1`, [id, status, outcome, now]);
  }
}

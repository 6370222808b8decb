import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Clock, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { inPgTransaction, sqlRunnerOf, type Metrics } from '@rsa/platform';
import type { Counter } from 'prom-client';
import { EmailChannel, LetterChannel, PermanentDeliveryError, SmsChannel, type Delivery } from './channels';
import { ALERT_INSERT, afterCancelling, bulk } from './convocation-sql';
import { loadMessages, noticeOf, staleness, type LoadedMessage } from './notice-loader';
import { policiesOf } from './policies';
import { letterNowTooLate, nextSendingInstant } from '../domain/send-window';

export type SendOutcome = 'sent' | 'failed' | 'retry' | 'deferred' | 'skipped' | 'cancelled' | 'not-claimed';

/** Attempts before a message that keeps failing for passing reasons is given up (and its person listed). */
export const MAX_ATTEMPTS = 8;
/** Back-off of the next attempt after the nth failure: 1, 2, 4, 8 … minutes, at most 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 * 3600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Messages of one sending job: claimed at once, sent side by side, recorded in one transaction. */
export const SEND_BATCH = 25;
/**
 * A message is claimed when due by the worker's clock, give or take this much: the process that
 * queued it (API, planner) may run on a clock a little ahead. A message rescheduled later (a retry, a
 * deferral) is further away than that, and its new due time has queued it under a new job id.
 */
export const CLAIM_TOLERANCE_MS = 30_000;

/** The messages that convene: the person learns of the appointment from them. */
const CONVENING_KINDS: ReadonlySet<string> = new Set(['convocation', 'relance', 'moved']);
const BY = 'system:message-sender';

/** The messages of a batch by outcome (`not-claimed`: already sent, rescheduled, or taken by another worker). */
export type SendReport = Partial<Record<SendOutcome, number>>;

interface Finished {
  id: string;
  channel: string;
  status: 'cancelled' | 'skipped';
  outcome: string;
}

interface Sent {
  message: LoadedMessage;
  delivery: Delivery;
}

/**
 * Sends a batch of the outbox's messages. The batch is claimed in one statement (pending -> sending:
 * two workers never both send a message), each message is checked still worth sending (appointment
 * still on and at that version, consent, not too late; SMS and email only inside the sending
 * window), handed to its channel (each idempotent on the message key) alongside the others, and
 * recorded sent, with its receipt, as soon as its channel took it. A passing failure puts the
 * message back to pending with a later due time (the sweeper queues it again); a permanent one
 * fails it and lists the person as unreachable. A worker that dies holding a batch leaves its rows "sending": the sweeper
 * gives them back after STALE_CLAIM_MS.
 */
export class MessageSender {
  private readonly counted: Counter<'channel' | 'outcome'>;

  constructor(
    private readonly pool: Pool,
    private readonly channels: { letter: LetterChannel; email: EmailChannel; sms: SmsChannel },
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
    metrics: Metrics,
  ) {
    this.counted = metrics.counter({ name: 'notification_messages_total', help: 'Messages handled by the sender, by channel and outcome', labelNames: ['channel', 'outcome'] });
  }

  async sendBatch(actor: Actor, messageIds: readonly string[]): Promise<SendReport> {
    await this.policy.require(actor, Permission.ConvocationRun, { action: 'notification.send' });
    const now = this.clock.now();
    const claimed = await this.pool.query<{ id: string }>(
      `UPDATE notification_message SET status = 'sending', claimed_at = $2, attempts = attempts + 1
        WHERE id = ANY($1::uuid[]) AND status = 'pending' AND due_at <= $3 RETURNING id`,
      [messageIds, now, new Date(now.getTime() + CLAIM_TOLERANCE_MS)],
    );
    const report: SendReport = {};
    const notClaimed = new Set(messageIds).size - claimed.rows.length;
    if (notClaimed > 0) report['not-claimed'] = notClaimed;
    if (claimed.rows.length === 0) return report;
    const count = (channel: string, outcome: SendOutcome) => {
      report[outcome] = (report[outcome] ?? 0) + 1;
      this.counted.inc({ channel, outcome });
    };
    const messages = await loadMessages(sqlRunnerOf(this.pool), claimed.rows.map((r) => r.id));
    const policyOf = await policiesOf(sqlRunnerOf(this.pool), messages.map((m) => m.territoryId));
    const finished: Finished[] = [];
    const deferred: { message: LoadedMessage; until: Date }[] = [];
    const toSend: LoadedMessage[] = [];
    for (const m of messages) {
      // A convening letter that would now reach the person after their appointment is past its use
      // as one that leaves after it begins: they are convened again (convenedTooLate).
      const late = m.channel === 'letter' && CONVENING_KINDS.has(m.kind) && m.appointment !== null && letterNowTooLate(m.appointment.startsAt, m.dueAt, now, policyOf(m.territoryId));
      const stale = staleness(m, now) ?? (late ? { status: 'skipped' as const, outcome: 'too-late' } : null);
      const opening = m.channel === 'letter' ? now : nextSendingInstant(now, policyOf(m.territoryId));
      if (stale) finished.push({ id: m.id, channel: m.channel, ...stale });
      // Never at night: back to pending until the next opening (not an attempt).
      else if (opening.getTime() > now.getTime()) deferred.push({ message: m, until: opening });
      else toSend.push(m);
    }
    // A row claimed that no longer leads to a file (cannot happen with the foreign keys; never left "sending").
    const loaded = new Set(messages.map((m) => m.id));
    for (const { id } of claimed.rows) if (!loaded.has(id)) finished.push({ id, channel: 'unknown', status: 'skipped', outcome: 'no-file' });
    await this.putAside(finished, deferred, now);
    // Decided at once, with the letters put aside: a worker dying during the deliveries below would
    // otherwise leave a letter skipped and its person convened to an appointment they know nothing of.
    await this.convenedTooLate(
      messages.filter((m) => finished.some((f) => f.id === m.id && f.outcome === 'too-late')),
      now,
    );
    for (const f of finished) count(f.channel, f.status);
    for (const d of deferred) count(d.message.channel, 'deferred');

    const issuedOn = await this.issueDays(toSend, parisDateOf(now));
    const results = await Promise.all(
      toSend.map(async (m): Promise<Sent | { message: LoadedMessage; error: unknown }> => {
        let delivery: Delivery;
        try {
          delivery = await this.deliver(m, issuedOn.get(m.id) as string);
        } catch (error) {
          return { message: m, error };
        }
        // Recorded as soon as it is out, not with the batch: a worker dying now loses at most this
        // one's record, and its retry finds the same letter file or the provider's first answer.
        await this.recordSent({ message: m, delivery }, now);
        return { message: m, delivery };
      }),
    );
    for (const r of results) {
      if ('delivery' in r) count(r.message.channel, 'sent');
      else count(r.message.channel, await this.failed(r.message, r.error, now));
    }
    return report;
  }

  /**
   * The day each message is issued: the day it was first handed to its channel, recorded then and
   * kept. A letter retried on a later day is the same letter, dated and filed under its first day,
   * so the print folder's file is found again rather than written a second time under the new day.
   */
  private async issueDays(toSend: LoadedMessage[], today: string): Promise<Map<string, string>> {
    if (toSend.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; issued_on: string }>(
      `UPDATE notification_message SET issued_on = COALESCE(issued_on, $2::date) WHERE id = ANY($1::uuid[]) RETURNING id, to_char(issued_on, 'YYYY-MM-DD') AS issued_on`,
      [toSend.map((m) => m.id), today],
    );
    return new Map(rows.map((r) => [r.id, r.issued_on]));
  }

  private deliver(m: LoadedMessage, issuedOn: string): Promise<Delivery> {
    const notice = noticeOf(m, issuedOn);
    if (m.channel === 'letter') return this.channels.letter.send(notice);
    if (m.channel === 'email') return this.channels.email.send(notice, m.email as string);
    return this.channels.sms.send(notice, m.phone as string);
  }

  /** Stale messages closed, deferred ones back to pending at the window's opening, in one go. */
  /** Rows still in this sender's hands only: one an appointment's change cancelled meanwhile stays cancelled. */
  private async putAside(finished: Finished[], deferred: { message: LoadedMessage; until: Date }[], now: Date): Promise<void> {
    if (finished.length) {
      await this.pool.query(
        `UPDATE notification_message m SET status = f.status, outcome = f.outcome, sent_at = NULL, claimed_at = $4
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS f(id, status, outcome) WHERE m.id = f.id AND m.status = 'sending'`,
        [finished.map((f) => f.id), finished.map((f) => f.status), finished.map((f) => f.outcome), now],
      );
    }
    if (deferred.length) {
      await this.pool.query(
        `UPDATE notification_message m SET status = 'pending', due_at = d.until, claimed_at = NULL, attempts = m.attempts - 1
           FROM unnest($1::uuid[], $2::timestamptz[]) AS d(id, until) WHERE m.id = d.id AND m.status = 'sending'`,
        [deferred.map((d) => d.message.id), deferred.map((d) => d.until)],
      );
    }
  }

  /**
   * A convocation letter that could not leave before its appointment (the sender stopped between the
   * planning and the appointment: a worker down over a weekend) leaves a person convened to an
   * appointment they know nothing of, who would then be recorded absent. When nothing convening them
   * to it (this version) went out on any channel and they have not confirmed it, the appointment is
   * cancelled, its slot freed, and they are convened again: the planner books the next slot, with
   * the alert the deadline calls for. When they were told another way (an SMS or email sent, or
   * being sent by another worker: letters, emails and SMS go in batches of their own channel, run in
   * parallel; one being sent is counted as told, as the cancellation notices count it), the
   * appointment stands and the coordinator is alerted (`unreachable`, `letter-too-late`): the letter did not go.
   */
  private async convenedTooLate(late: LoadedMessage[], now: Date): Promise<void> {
    for (const m of late) {
      if (m.channel !== 'letter' || !CONVENING_KINDS.has(m.kind) || m.appointmentId === null) continue;
      await inPgTransaction(this.pool, async (runner) => {
        const [appointment] = await runner.query<{ status: string; slot_id: string }>(
          `SELECT status, slot_id FROM convocation_appointment WHERE id = $1 AND version = $2 AND status IN ('planned', 'confirmed', 'moved') FOR UPDATE`,
          [m.appointmentId, m.appointmentVersion],
        );
        if (!appointment) return;
        const told = await runner.query(
          `SELECT 1 FROM notification_message WHERE appointment_id = $1 AND appointment_version = $2 AND kind = ANY($3::text[]) AND status IN ('sent', 'sending') LIMIT 1`,
          [m.appointmentId, m.appointmentVersion, [...CONVENING_KINDS]],
        );
        if (told.length > 0 || appointment.status === 'confirmed') {
          await bulk(runner, ALERT_INSERT, [
            { id: randomUUID(), territory_id: m.territoryId, kind: 'unreachable', path_id: m.pathId, person_id: m.personId, detail: { channel: 'letter', reason: 'letter-too-late', messageId: m.id } },
          ]);
          return;
        }
        await runner.query(`UPDATE convocation_appointment SET status = 'cancelled', updated_at = $2 WHERE id = $1`, [m.appointmentId, now]);
        // Told nothing of it, they are told nothing of its end: no `cancelled` notice.
        await afterCancelling(runner, [{ id: m.appointmentId as string, ...appointment }], { by: BY, reason: 'not-convened-in-time', at: now, detail: { messageId: m.id } });
        await runner.query(
          `UPDATE convocation_track SET state = 'to-plan', appointment_id = NULL, next_action_at = $2, updated_at = $2 WHERE appointment_id = $1`,
          [m.appointmentId, now],
        );
      });
    }
  }

  /** Sent, with its receipt, in one statement. */
  private async recordSent({ message, delivery }: Sent, now: Date): Promise<void> {
    await this.pool.query(
      `WITH sent AS (UPDATE notification_message SET status = 'sent', sent_at = $2, outcome = NULL WHERE id = $1 RETURNING id, channel)
       INSERT INTO notification_receipt (message_id, at, channel, provider, provider_message_id, status)
       SELECT id, $2, channel, $3, $4, 'delivered' FROM sent`,
      [message.id, now, delivery.provider, delivery.providerMessageId],
    );
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
      // Only a row still in this sender's hands: one an appointment's change cancelled meanwhile stays
      // cancelled (its receipt above says what happened), and raises no alert.
      if (giveUp) {
        const updated = await runner.query(`UPDATE notification_message SET status = 'failed', outcome = $2 WHERE id = $1 AND status = 'sending' RETURNING id`, [m.id, reason]);
        if (updated.length === 0) return;
        // Given up or refused for good (no address, a number that is no mobile, an address or number the
        // provider refuses, whatever the channel's reason): the person did not get it, the coordinator is told.
        await bulk(runner, ALERT_INSERT, [
          { id: randomUUID(), territory_id: m.territoryId, kind: 'unreachable', path_id: m.pathId, person_id: m.personId, detail: { channel: m.channel, reason, messageId: m.id } },
        ]);
      } else {
        await runner.query(`UPDATE notification_message SET status = 'pending', claimed_at = NULL, outcome = 'transient', due_at = $2 WHERE id = $1 AND status = 'sending'`, [
          m.id,
          new Date(now.getTime() + retryDelayMs(m.attempts)),
        ]);
      }
    });
    return giveUp ? 'failed' : 'retry';
  }
}

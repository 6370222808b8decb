import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '@rsa/platform';
import { cancellationMessages, type MessageChannel } from '../domain/outbox-plan';
import { bulk, MESSAGE_INSERT, reachabilityOf } from './convocation-sql';
import type { DueMessage } from './convocation-jobs';

/** An appointment just cancelled, and the path whose dossier gives the address to write to. */
export interface CancelledAppointment {
  id: string;
  version: number;
  startsAt: Date;
  personId: string;
  /** The path the notice is filed under: the appointment's, or the person's new one when they moved. */
  pathId: string;
}

/**
 * Writes the `cancelled` notices of appointments just cancelled, by hand or by the planner
 * (cancellationMessages: on the channels that already told the person of the appointment, any
 * version, a message sent or being sent). Returns those due now, for the dispatcher.
 */
export async function writeCancellationNotices(runner: SqlRunner, cancelled: CancelledAppointment[], now: Date): Promise<DueMessage[]> {
  if (cancelled.length === 0) return [];
  const told = await runner.query<{ appointment_id: string; channels: MessageChannel[] }>(
    `SELECT appointment_id, array_agg(DISTINCT channel)::text[] AS channels FROM notification_message
      WHERE appointment_id = ANY($1::uuid[]) AND status IN ('sent', 'sending') AND kind <> 'cancelled'
      GROUP BY appointment_id`,
    [cancelled.map((a) => a.id)],
  );
  const toldBy = new Map(told.map((t) => [t.appointment_id, new Set(t.channels)]));
  const dossiers = await runner.query<{ id: string; dossier_id: string }>(`SELECT id, dossier_id FROM beneficiary_path WHERE id = ANY($1::uuid[])`, [
    [...new Set(cancelled.map((a) => a.pathId))],
  ]);
  const dossierOf = new Map(dossiers.map((d) => [d.id, d.dossier_id]));
  const reach = await reachabilityOf(
    runner,
    cancelled.flatMap((a) => (dossierOf.has(a.pathId) ? [{ person_id: a.personId, dossier_id: dossierOf.get(a.pathId) as string }] : [])),
  );
  const rows = cancelled.flatMap((a) => {
    const channels = toldBy.get(a.id);
    const contact = reach.get(a.personId);
    if (!channels || !contact) return [];
    return cancellationMessages({ id: a.id, version: a.version, startsAt: a.startsAt }, channels, contact, now).map((plan) => ({
      id: randomUUID(),
      dedupe_key: plan.dedupeKey,
      person_id: a.personId,
      path_id: a.pathId,
      appointment_id: a.id,
      appointment_version: a.version,
      channel: plan.channel,
      kind: plan.kind,
      due_at: plan.dueAt.toISOString(),
      not_after: plan.notAfter?.toISOString() ?? null,
      context: {},
    }));
  });
  return bulk<DueMessage>(runner, MESSAGE_INSERT, rows);
}

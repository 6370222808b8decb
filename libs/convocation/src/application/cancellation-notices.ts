import type { SqlRunner } from '@rsa/platform';
import { cancellationMessages, invitationWithdrawalMessages, type MessageChannel } from '../domain/outbox-plan';
import { bulk, MESSAGE_INSERT, messageRow, reachabilityOf } from './convocation-sql';
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
  const reach = await reachabilityOf(runner, await dossiersOf(runner, cancelled));
  const rows = cancelled.flatMap((a) => {
    const channels = toldBy.get(a.id);
    const contact = reach.get(a.personId);
    if (!channels || !contact) return [];
    const plans = cancellationMessages({ id: a.id, version: a.version, startsAt: a.startsAt }, channels, contact, now);
    return plans.map((plan) => messageRow(plan, a.personId, a.pathId, { id: a.id, version: a.version }));
  });
  return bulk<DueMessage>(runner, MESSAGE_INSERT, rows);
}

/** An invitation to book just withdrawn (the track is no longer `invited`). */
export interface WithdrawnInvitation {
  /** The path invited, and the day of its invitation. */
  pathId: string;
  invitedOn: string;
  personId: string;
  /** The path the notice is filed under (whose dossier gives the address). */
  noticePathId: string;
}

/**
 * Writes the `invitation-withdrawn` notices of invitations just withdrawn, on the channels the
 * invitation (or its reminder) already went by; none for an invitation still in the outbox. Drops
 * what is still pending of those invitations first. Returns the notices due now.
 */
export async function writeInvitationWithdrawals(runner: SqlRunner, withdrawn: WithdrawnInvitation[], now: Date): Promise<DueMessage[]> {
  if (withdrawn.length === 0) return [];
  const invitations = JSON.stringify(withdrawn.map((w) => ({ person_id: w.personId, invited_on: w.invitedOn })));
  // The invitation's messages, whichever path they are filed under now (a path followed by another keeps what it sent).
  const ofInvitation = `FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, invited_on date)
       JOIN notification_message m ON m.person_id = x.person_id AND m.kind IN ('invitation', 'invitation-reminder')
                                  AND m.due_at >= (x.invited_on::timestamp AT TIME ZONE 'Europe/Paris')`;
  await runner.query(`UPDATE notification_message u SET status = 'cancelled', outcome = 'invitation-withdrawn' FROM (SELECT m.id ${ofInvitation} WHERE m.status = 'pending') s WHERE u.id = s.id`, [
    invitations,
  ]);
  const told = await runner.query<{ person_id: string; channels: MessageChannel[] }>(
    `SELECT x.person_id, array_agg(DISTINCT m.channel)::text[] AS channels ${ofInvitation} WHERE m.status IN ('sent', 'sending') GROUP BY x.person_id`,
    [invitations],
  );
  const toldBy = new Map(told.map((t) => [t.person_id, new Set(t.channels)]));
  const reach = await reachabilityOf(runner, await dossiersOf(runner, withdrawn.map((w) => ({ personId: w.personId, pathId: w.noticePathId }))));
  const rows = withdrawn.flatMap((w) => {
    const channels = toldBy.get(w.personId);
    const contact = reach.get(w.personId);
    if (!channels || !contact) return [];
    return invitationWithdrawalMessages(w.pathId, w.invitedOn, channels, contact, now).map((plan) => messageRow(plan, w.personId, w.noticePathId, null));
  });
  return bulk<DueMessage>(runner, MESSAGE_INSERT, rows);
}

/** Each person with the dossier of the path a notice is filed under (its address). */
async function dossiersOf(runner: SqlRunner, whom: { personId: string; pathId: string }[]): Promise<{ person_id: string; dossier_id: string }[]> {
  const paths = await runner.query<{ id: string; dossier_id: string }>(`SELECT id, dossier_id FROM beneficiary_path WHERE id = ANY($1::uuid[])`, [[...new Set(whom.map((w) => w.pathId))]]);
  const dossierOf = new Map(paths.map((p) => [p.id, p.dossier_id]));
  return whom.flatMap((w) => (dossierOf.has(w.pathId) ? [{ person_id: w.personId, dossier_id: dossierOf.get(w.pathId) as string }] : []));
}

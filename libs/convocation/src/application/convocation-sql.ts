import { bulk, insertSql, type BulkColumn, type SqlRunner } from '@rsa/platform';
import { randomUUID } from 'node:crypto';
import { receivesSms } from '@rsa/kernel';
import { ConvocationError, ConvocationErrorCode } from '../domain/convocation-errors';
import type { PlannedMessage, Reachability } from '../domain/outbox-plan';

/**
 * The convocation context writes only its own tables. It reads, by SQL, what it needs of others:
 * the open paths and persons, the current dossier's address and commune, the contact and consent
 * (beneficiary), the territory of a commune (access). Those reads are here and in the notice loader.
 */
export const APPOINTMENT_INSERT = insertSql('convocation_appointment', [
  { name: 'id', type: 'uuid' },
  { name: 'person_id', type: 'uuid' },
  { name: 'path_id', type: 'uuid' },
  { name: 'slot_id', type: 'uuid' },
  { name: 'place_id', type: 'uuid' },
  { name: 'kind', type: 'varchar' },
  { name: 'status', type: 'varchar' },
  { name: 'starts_at', type: 'timestamptz' },
  { name: 'version', type: 'integer' },
  { name: 'attempt', type: 'integer' },
]);

const EVENT_COLUMNS: BulkColumn[] = [
  { name: 'appointment_id', type: 'uuid' },
  { name: 'status_from', type: 'varchar' },
  { name: 'status_to', type: 'varchar' },
  { name: 'at', type: 'timestamptz' },
  { name: 'by', type: 'varchar' },
  { name: 'reason', type: 'varchar' },
  { name: 'detail', type: 'jsonb' },
];
export const EVENT_INSERT = insertSql('convocation_appointment_event', EVENT_COLUMNS);

/**
 * What follows the cancellation of appointments, whoever cancels them (set `cancelled` by the
 * caller, `status` being the one they had): their places back to their slots, an event each saying
 * who and why, and their pending messages dropped. Telling the person is the caller's to decide.
 */
export async function afterCancelling(
  runner: SqlRunner,
  cancelled: readonly { id: string; status: string; slot_id: string }[],
  change: { by: string; reason: string; at: Date; detail?: object },
): Promise<void> {
  if (cancelled.length === 0) return;
  for (const a of cancelled) await runner.query(`UPDATE convocation_slot SET booked = booked - 1 WHERE id = $1 AND booked > 0`, [a.slot_id]);
  await bulk(
    runner,
    EVENT_INSERT,
    cancelled.map((a) => ({ appointment_id: a.id, status_from: a.status, status_to: 'cancelled', at: change.at, by: change.by, reason: change.reason, detail: change.detail ?? null })),
  );
  await runner.query(`UPDATE notification_message SET status = 'cancelled', outcome = 'appointment-ended' WHERE appointment_id = ANY($1::uuid[]) AND status = 'pending'`, [
    cancelled.map((a) => a.id),
  ]);
}

/** Messages already planned (same key) are left as they are: writing a plan twice changes nothing. */
export const MESSAGE_INSERT = insertSql(
  'notification_message',
  [
    { name: 'id', type: 'uuid' },
    { name: 'dedupe_key', type: 'varchar' },
    { name: 'person_id', type: 'uuid' },
    { name: 'path_id', type: 'uuid' },
    { name: 'appointment_id', type: 'uuid' },
    { name: 'appointment_version', type: 'integer' },
    { name: 'channel', type: 'varchar' },
    { name: 'kind', type: 'varchar' },
    { name: 'due_at', type: 'timestamptz' },
    { name: 'not_after', type: 'timestamptz' },
    { name: 'context', type: 'jsonb' },
  ],
  { onConflict: '(dedupe_key)', returning: 'id, due_at, channel' },
);

/** The MESSAGE_INSERT row of a planned message, for a person and the path it is filed under. */
export function messageRow(plan: PlannedMessage, personId: string, pathId: string, appointment: { id: string; version: number } | null, context: object = {}) {
  return {
    id: randomUUID(),
    dedupe_key: plan.dedupeKey,
    person_id: personId,
    path_id: pathId,
    appointment_id: appointment?.id ?? null,
    appointment_version: appointment?.version ?? null,
    channel: plan.channel,
    kind: plan.kind,
    due_at: plan.dueAt.toISOString(),
    not_after: plan.notAfter?.toISOString() ?? null,
    context,
  };
}

export const ALERT_INSERT = insertSql(
  'convocation_alert',
  [
    { name: 'id', type: 'uuid' },
    { name: 'territory_id', type: 'varchar' },
    { name: 'kind', type: 'varchar' },
    { name: 'path_id', type: 'uuid' },
    { name: 'person_id', type: 'uuid' },
    { name: 'detail', type: 'jsonb' },
  ],
  { onConflict: `(path_id, kind) WHERE resolved_at IS NULL`, returning: 'id' },
);

/**
 * `LEFT JOIN LATERAL … c`: the contact and consent (beneficiary_contact) of the person whose id is
 * `personId` (an SQL expression), with those of the other records of the same human (an anomaly's
 * review linked them, see the beneficiary's same-human.ts), channel by channel: the latest phone
 * (email) given on any record, and consent to SMS (email) only if every record that has a phone (an
 * email) says yes. A convocation carried over to another record keeps the phone and consent given
 * on the first; a consent withdrawn on one record is withdrawn for the human, whatever is edited
 * later on another. For a record that stands alone, its own row.
 */
export function humanContactJoin(personId: string): string {
  return `LEFT JOIN LATERAL (
      SELECT (array_agg(hc.phone ORDER BY hc.updated_at DESC) FILTER (WHERE hc.phone IS NOT NULL))[1] AS phone,
             coalesce(bool_and(hc.sms_consent) FILTER (WHERE hc.phone IS NOT NULL), false) AS sms_consent,
             (array_agg(hc.email ORDER BY hc.updated_at DESC) FILTER (WHERE hc.email IS NOT NULL))[1] AS email,
             coalesce(bool_and(hc.email_consent) FILTER (WHERE hc.email IS NOT NULL), false) AS email_consent
        FROM (
          SELECT oc.phone, oc.sms_consent, oc.email, oc.email_consent, oc.updated_at FROM beneficiary_contact oc WHERE oc.person_id = ${personId}
          UNION ALL
          SELECT oc.phone, oc.sms_consent, oc.email, oc.email_consent, oc.updated_at FROM beneficiary_person me
            JOIN beneficiary_person o ON o.human_id = me.human_id AND o.id <> me.id
            JOIN beneficiary_contact oc ON oc.person_id = o.id
           WHERE me.id = ${personId} AND me.human_id IS NOT NULL) hc) c ON TRUE`;
}

/**
 * How each person can be reached, for the dossier of their path: a postal address there, their
 * email, phone and consent (humanContactJoin). Keyed by person id.
 */
export async function reachabilityOf(runner: SqlRunner, whom: { person_id: string; dossier_id: string }[]): Promise<Map<string, Reachability>> {
  if (whom.length === 0) return new Map();
  const rows = await runner.query<{ person_id: string; has_address: boolean; email: string | null; email_consent: boolean | null; phone: string | null; sms_consent: boolean | null }>(
    `SELECT x.person_id, jsonb_array_length(d.addresses) > 0 AS has_address, c.email, c.email_consent, c.phone, c.sms_consent
       FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, dossier_id uuid)
       JOIN beneficiary_dossier d ON d.id = x.dossier_id
       ${humanContactJoin('x.person_id')}`,
    [JSON.stringify(whom.map((w) => ({ person_id: w.person_id, dossier_id: w.dossier_id })))],
  );
  return new Map(
    // SMS consent on a number that cannot receive SMS (a landline consented to before the form
    // refused it) plans no SMS: the letter and the email carry the convocation.
    rows.map((r) => [
      r.person_id,
      { hasPostalAddress: r.has_address, email: r.email, emailConsent: r.email_consent === true, phone: r.phone, smsConsent: r.sms_consent === true && r.phone !== null && receivesSms(r.phone) },
    ]),
  );
}

export { bulk };

/** A territory of the organisation, or CONVOCATION_TERRITORY_NOT_FOUND. */
export async function requireTerritory(runner: SqlRunner, territoryId: string): Promise<void> {
  const [territory] = await runner.query(`SELECT 1 FROM access_territory WHERE id = $1`, [territoryId]);
  if (!territory) throw new ConvocationError(ConvocationErrorCode.TerritoryNotFound, 'No such territory', { territoryId });
}

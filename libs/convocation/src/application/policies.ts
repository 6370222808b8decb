import type { SqlRunner } from '@rsa/platform';
import { DEFAULT_POLICY, type ConvocationPolicy } from '../domain/policy';

const COLUMNS = `territory_id, invite_first AS "inviteFirst", invitation_reminder_days AS "invitationReminderDays",
  invitation_expiry_days AS "invitationExpiryDays", relance_within_days AS "relanceWithinDays", max_relances AS "maxRelances",
  min_lead_working_days AS "minLeadWorkingDays", reminder_working_days_before AS "reminderWorkingDaysBefore",
  send_from AS "sendFrom", send_until AS "sendUntil"`;

/** The policies of these territories (the defaults for a territory without one, or no territory). */
export async function policiesOf(runner: SqlRunner, territoryIds: readonly (string | null)[]): Promise<(territoryId: string | null) => ConvocationPolicy> {
  const ids = [...new Set(territoryIds.filter((t): t is string => t !== null))];
  const rows = ids.length ? await runner.query<ConvocationPolicy & { territory_id: string }>(`SELECT ${COLUMNS} FROM convocation_policy WHERE territory_id = ANY($1::varchar[])`, [ids]) : [];
  const byTerritory = new Map(rows.map(({ territory_id, ...policy }) => [territory_id, policy as ConvocationPolicy]));
  return (territoryId) => (territoryId ? (byTerritory.get(territoryId) ?? DEFAULT_POLICY) : DEFAULT_POLICY);
}

export { COLUMNS as POLICY_COLUMNS };

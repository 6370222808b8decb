import type { ContactFollower } from '@rsa/beneficiary';
import { bulk } from '@rsa/platform';
import { reminderDueAt } from '../domain/send-window';
import { MESSAGE_INSERT, messageRow } from './convocation-sql';
import { policiesOf } from './policies';

/**
 * Someone given an appointment before they consented to SMS had no reminder planned (the plan is
 * written with the convocation, by the reach of that day). When SMS becomes possible (a mobile with
 * consent, where there was none), each appointment still ahead gets the reminder it would have had:
 * same key as the planner's (`appt:<id>:v<n>:reminder:sms`, so never two), same time (the working
 * days before, in the territory's sending window), none when too close to the appointment. The
 * sender checks consent again when it sends, so a consent withdrawn meanwhile sends nothing.
 */
export const remindersOnSmsConsent: ContactFollower = async (runner, change) => {
  if (!change.sms.after || change.sms.before) return;
  const ahead = await runner.query<{ id: string; version: number; starts_at: Date; path_id: string; territory_id: string }>(
    `SELECT a.id, a.version, a.starts_at, a.path_id, pl.territory_id
       FROM convocation_appointment a JOIN convocation_place pl ON pl.id = a.place_id
      WHERE a.person_id = $1 AND a.status IN ('planned', 'confirmed', 'moved') AND a.starts_at > $2`,
    [change.personId, change.now],
  );
  if (ahead.length === 0) return;
  const policyOf = await policiesOf(runner, ahead.map((a) => a.territory_id));
  const rows = ahead.flatMap((a) => {
    const dueAt = reminderDueAt(a.starts_at, change.now, policyOf(a.territory_id));
    if (!dueAt) return [];
    const plan = { channel: 'sms' as const, kind: 'reminder' as const, dedupeKey: `appt:${a.id}:v${a.version}:reminder:sms`, dueAt, notAfter: a.starts_at };
    return [messageRow(plan, change.personId, a.path_id, { id: a.id, version: a.version })];
  });
  await bulk(runner, MESSAGE_INSERT, rows);
};

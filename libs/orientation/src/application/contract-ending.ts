import { actorRef } from '@rsa/access';
import type { Actor } from '@rsa/kernel';
import type { SqlRunner } from '@rsa/platform';
import type { ContractStatus } from './contract-rules';

/** The contract an ending ended: its id, its new version and the status it had. */
export interface EndedContract {
  id: string;
  version: number;
  statusBefore: ContractStatus;
}

/**
 * Ends the live contract (draft, signed or renewed) of an orientation period, in the caller's
 * transaction: whatever closes the period ends its contract, on the same day. An exit
 * (`exit:<reason>`, PathExits) and a réorientation (`reorientation`, Reorientations) call it after
 * closing the period, holding the person's orientation lock (OrientationPeriods.lockCurrent). The
 * contract row is locked (a change under way finishes first, one after sees it ended), its version
 * bumped with an `ended` event: `detail` adds what ended it (codes and ids only). Null when the
 * period had no live contract.
 */
export async function endLiveContract(
  runner: SqlRunner,
  actor: Actor,
  now: Date,
  ending: { periodId: string; endedOn: string; endReason: string; detail: Record<string, unknown> },
): Promise<EndedContract | null> {
  const [contract] = await runner.query<{ id: string; version: number; status: ContractStatus }>(
    `SELECT id, version, status FROM contract WHERE orientation_period_id = $1 AND status <> 'ended' FOR UPDATE`,
    [ending.periodId],
  );
  if (!contract) return null;
  const version = contract.version + 1;
  await runner.query(`UPDATE contract SET status = 'ended', ended_on = $2, end_reason = $3, version = $4, updated_at = $5 WHERE id = $1`, [
    contract.id,
    ending.endedOn,
    ending.endReason,
    version,
    now,
  ]);
  await runner.query(`INSERT INTO contract_event (contract_id, version, kind, detail, at, by) VALUES ($1, $2, 'ended', $3, $4, $5)`, [
    contract.id,
    version,
    JSON.stringify({ endedOn: ending.endedOn, endReason: ending.endReason, ...ending.detail, statusBefore: contract.status }),
    now,
    actorRef(actor),
  ]);
  return { id: contract.id, version, statusBefore: contract.status };
}

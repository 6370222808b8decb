import type { Pool } from 'pg';
import { Permission, type Actor } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { inPgTransaction, type AuditTrail } from '@rsa/platform';
import { ANOMALY_RESOLUTIONS, isAnomalyResolution } from '../domain/anomaly-resolutions';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';

const ACTION = 'intake.anomaly.resolve';

export interface ResolvedAnomaly {
  id: string;
  status: 'resolved';
  resolution: string;
  resolvedAt: string;
  resolvedBy: string;
}

/**
 * An operator's review of an intake anomaly: marked resolved once, with what was found (a code),
 * who and when, and audited with the persons it names. Two operators on the same anomaly: the first
 * one resolves it, the second is told it already was (409), nothing is overwritten.
 */
export class AnomalyReview {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
  ) {}

  async resolve(actor: Actor, anomalyId: string, resolution: unknown): Promise<ResolvedAnomaly> {
    const target = { type: 'intake-anomaly', id: anomalyId };
    await this.policy.require(actor, Permission.IntakeReview, { action: ACTION, target });
    if (!isAnomalyResolution(resolution)) {
      throw new IntakeError(IntakeErrorCode.AnomalyResolutionUnknown, `resolution must be one of ${ANOMALY_RESOLUTIONS.join(', ')}`, { resolutions: ANOMALY_RESOLUTIONS });
    }
    if (!/^\d{1,18}$/.test(anomalyId)) throw notFound(anomalyId);
    return inPgTransaction(this.pool, async (sql) => {
      const rows = await sql.query<{ id: string; resolvedAt: Date; personId: string | null; otherPersonId: string | null }>(
        `UPDATE intake_anomaly SET status = 'resolved', resolved_at = now(), resolved_by = $2, resolution = $3
          WHERE id = $1 AND status = 'open'
          RETURNING id::text, resolved_at AS "resolvedAt", person_id AS "personId", other_person_id AS "otherPersonId"`,
        [anomalyId, actorRef(actor), resolution],
      );
      if (rows.length === 0) {
        const existing = await sql.query(`SELECT 1 FROM intake_anomaly WHERE id = $1`, [anomalyId]);
        if (existing.length === 0) throw notFound(anomalyId);
        throw new IntakeError(IntakeErrorCode.AnomalyAlreadyResolved, 'This anomaly was already resolved', { anomalyId });
      }
      const [row] = rows;
      const subjectIds = [row.personId, row.otherPersonId].filter((id): id is string => id !== null);
      await this.audit.record({ actor, action: ACTION, outcome: 'allowed', target, subjectIds, reasonCode: resolution }, sql);
      return { id: row.id, status: 'resolved', resolution, resolvedAt: row.resolvedAt.toISOString(), resolvedBy: actorRef(actor) };
    });
  }
}

function notFound(anomalyId: string): IntakeError {
  return new IntakeError(IntakeErrorCode.AnomalyNotFound, 'No intake anomaly with this id', { anomalyId });
}

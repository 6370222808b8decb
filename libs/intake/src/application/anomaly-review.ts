import type { Pool } from 'pg';
import { Permission, parisDateOf, type Actor, type Clock } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { linkSameHuman, markDistinctDespiteNir, undoDistinctDespiteNir, unlinkSameHuman, type PathProgress, type PathStage, type SameHumanUnlink } from '@rsa/beneficiary';
import { ADVISORY_LOCKS, inPgTransaction, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { ANOMALY_RESOLUTIONS, isAnomalyResolution, resolutionFits, resolutionsFor } from '../domain/anomaly-resolutions';
import { IntakeError, IntakeErrorCode } from '../domain/intake-errors';

const ACTION = 'intake.anomaly.resolve';
const REOPEN = 'intake.anomaly.reopen';
/** How long a review waits for the bulk writers' lock before it gives up. */
const WRITES_WAIT = '2s';
/** How long it waits for a convocation planning under way to end. */
const PLANNING_WAIT = '20s';
/** PostgreSQL's lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

export interface ResolvedAnomaly {
  id: string;
  status: 'resolved';
  resolution: string;
  resolvedAt: string;
  resolvedBy: string;
  /**
   * Found one human twice (`same-person-caf-notified`): all the person records now linked as that
   * human, and the open paths closed so the human has one. Empty for any other resolution.
   */
  sameHuman: { personIds: string[]; keptPathId: string | null; keptStage: PathStage | null; closedPathIds: string[] } | null;
}

export interface ReopenedAnomaly {
  id: string;
  status: 'open';
  /** The review undone. */
  previousResolution: string;
  /**
   * The review had linked two records as one human: the anomaly's record is a human of its own
   * again (the others stay linked if several), and the records left without an open path are
   * decided again at the next import. Null for any other review.
   */
  unlinked: SameHumanUnlink | null;
  /** The review had found a `nir-birthdate-conflict`'s records two people: the record is kept out again while the NIR's holder is followed. */
  distinctDespiteNirUndone: boolean;
}

/** The resolution that says the anomaly's two records are one human. */
const SAME_PERSON = 'same-person-caf-notified';

/**
 * An operator's review of an intake anomaly: marked resolved once, with what was found (a code),
 * who and when, and audited with the persons it names. Two operators on the same anomaly: the first
 * one resolves it, the second is told it already was (409), nothing is overwritten.
 *
 * Found to be one human twice (`same-person-caf-notified`, for an anomaly naming two records): the
 * records stay two until the CAF corrects them, but are linked as one human (linkSameHuman), who is
 * then followed on one path, the one their accompaniment went furthest on (PathProgress, which the
 * convocation and orientation contexts feed): the other open paths are closed, and the convocation planner ends what
 * was under way on them, with a `cancelled` notice. The intake reads the link at every file. It
 * changes beneficiary data, so it waits 2 s at most for an import: while one runs (or the
 * retention job, or a NIR rotation), the review is refused (409) and can be sent again when it
 * ends. Two such reviews at once wait for each other.
 *
 * Found to be two people on a `nir-birthdate-conflict` (`distinct-persons`): the record kept apart
 * under another's NIR is no longer kept out of the path for it (markDistinctDespiteNir), and enters
 * at the next import if the entry rule lets them in. Same lock.
 */
export class AnomalyReview {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly progress: PathProgress,
  ) {}

  async resolve(actor: Actor, anomalyId: string, resolution: unknown): Promise<ResolvedAnomaly> {
    const target = { type: 'intake-anomaly', id: anomalyId };
    await this.policy.require(actor, Permission.IntakeReview, { action: ACTION, target });
    if (!isAnomalyResolution(resolution)) {
      throw new IntakeError(IntakeErrorCode.AnomalyResolutionUnknown, `resolution must be one of ${ANOMALY_RESOLUTIONS.join(', ')}`, { resolutions: ANOMALY_RESOLUTIONS });
    }
    if (!/^\d{1,18}$/.test(anomalyId)) throw notFound(anomalyId);
    return inPgTransaction(this.pool, async (sql) => {
      const rows = await sql.query<{ id: string; resolvedAt: Date; kind: string; personId: string | null; otherPersonId: string | null }>(
        `UPDATE intake_anomaly SET status = 'resolved', resolved_at = now(), resolved_by = $2, resolution = $3
          WHERE id = $1 AND status = 'open'
          RETURNING id::text, resolved_at AS "resolvedAt", kind, person_id AS "personId", other_person_id AS "otherPersonId"`,
        [anomalyId, actorRef(actor), resolution],
      );
      if (rows.length === 0) {
        const existing = await sql.query(`SELECT 1 FROM intake_anomaly WHERE id = $1`, [anomalyId]);
        if (existing.length === 0) throw notFound(anomalyId);
        throw new IntakeError(IntakeErrorCode.AnomalyAlreadyResolved, 'This anomaly was already resolved', { anomalyId });
      }
      const [row] = rows;
      if (!resolutionFits(resolution, row.kind)) {
        throw new IntakeError(IntakeErrorCode.AnomalyResolutionNotApplicable, `${resolution} is not a finding about a ${row.kind} anomaly`, {
          anomalyId,
          resolution,
          fitting: resolutionsFor(row.kind),
        });
      }
      const subjectIds = [row.personId, row.otherPersonId].filter((id): id is string => id !== null);
      let sameHuman: ResolvedAnomaly['sameHuman'] = null;
      let distinctDespiteNir = false;
      const today = parisDateOf(this.clock.now());
      if (resolution === SAME_PERSON) {
        if (row.personId === null || row.otherPersonId === null || row.personId === row.otherPersonId) {
          throw new IntakeError(IntakeErrorCode.AnomalyResolutionNotApplicable, `${SAME_PERSON} needs an anomaly that names two person records`, {
            anomalyId,
            resolution,
          });
        }
        await this.lockBeneficiaryWrites(sql, anomalyId);
        const link = await linkSameHuman(sql, row.personId, row.otherPersonId, today, this.progress);
        sameHuman = { personIds: link.personIds, keptPathId: link.keptPathId, keptStage: link.keptStage, closedPathIds: link.closedPathIds };
        subjectIds.push(...link.personIds.filter((id) => !subjectIds.includes(id)));
      } else if (resolution === 'distinct-persons' && row.kind === 'nir-birthdate-conflict' && row.personId !== null) {
        await this.lockBeneficiaryWrites(sql, anomalyId);
        distinctDespiteNir = await markDistinctDespiteNir(sql, row.personId, today);
      }
      await this.audit.record(
        { actor, action: ACTION, outcome: 'allowed', target, subjectIds, reasonCode: resolution, detail: sameHuman ? { sameHuman } : distinctDespiteNir ? { distinctDespiteNir } : undefined },
        sql,
      );
      return { id: row.id, status: 'resolved', resolution, resolvedAt: row.resolvedAt.toISOString(), resolvedBy: actorRef(actor), sameHuman };
    });
  }

  /**
   * Undoes a review that got it wrong: the anomaly is open again, to be reviewed anew, and what the
   * review changed is undone. A link of two records as one human (`same-person-caf-notified`) is
   * undone for the anomaly's record (unlinkSameHuman): it is a human of its own again; a path the
   * link closed is not reopened, but whoever of them is left without one is decided again at the
   * next import, and convened from that file if they enter. `distinct-persons` on a
   * `nir-birthdate-conflict` is undone too: the record is kept out of the path again while the
   * NIR's holder is followed (a path it opened meanwhile stays open).
   * Other reviews changed nothing but the anomaly. Audited; same lock as resolve for what changes
   * beneficiary data.
   */
  async reopen(actor: Actor, anomalyId: string): Promise<ReopenedAnomaly> {
    const target = { type: 'intake-anomaly', id: anomalyId };
    await this.policy.require(actor, Permission.IntakeReview, { action: REOPEN, target });
    if (!/^\d{1,18}$/.test(anomalyId)) throw notFound(anomalyId);
    return inPgTransaction(this.pool, async (sql) => {
      const rows = await sql.query<{ id: string; kind: string; personId: string | null; otherPersonId: string | null; previous: string }>(
        `UPDATE intake_anomaly a SET status = 'open', resolved_at = NULL, resolved_by = NULL, resolution = NULL
           FROM intake_anomaly before
          WHERE a.id = $1 AND before.id = a.id AND a.status = 'resolved'
          RETURNING a.id::text, a.kind, a.person_id AS "personId", a.other_person_id AS "otherPersonId", before.resolution AS previous`,
        [anomalyId],
      );
      if (rows.length === 0) {
        const existing = await sql.query(`SELECT 1 FROM intake_anomaly WHERE id = $1`, [anomalyId]);
        if (existing.length === 0) throw notFound(anomalyId);
        throw new IntakeError(IntakeErrorCode.AnomalyNotResolved, 'This anomaly is open: there is no review to undo', { anomalyId });
      }
      const [row] = rows;
      const today = parisDateOf(this.clock.now());
      const subjectIds = [row.personId, row.otherPersonId].filter((id): id is string => id !== null);
      let unlinked: SameHumanUnlink | null = null;
      let distinctDespiteNirUndone = false;
      if (row.previous === SAME_PERSON && row.personId !== null) {
        await this.lockBeneficiaryWrites(sql, anomalyId);
        unlinked = await unlinkSameHuman(sql, row.personId, today);
        subjectIds.push(...unlinked.remainingPersonIds.filter((id) => !subjectIds.includes(id)));
      } else if (row.previous === 'distinct-persons' && row.kind === 'nir-birthdate-conflict' && row.personId !== null) {
        await this.lockBeneficiaryWrites(sql, anomalyId);
        distinctDespiteNirUndone = await undoDistinctDespiteNir(sql, row.personId);
      }
      await this.audit.record(
        { actor, action: REOPEN, outcome: 'allowed', target, subjectIds, reasonCode: row.previous, detail: { previousResolution: row.previous, unlinked, distinctDespiteNirUndone } },
        sql,
      );
      return { id: row.id, status: 'open', previousResolution: row.previous, unlinked, distinctDespiteNirUndone };
    });
  }

  /**
   * Reviews that change beneficiary data wait for each other, then for the bulk writers' lock, a
   * moment only (WRITES_WAIT): a review that just ended releases it as it commits, while an import,
   * the retention job or a NIR rotation holds it for minutes, and the operator is told to come back.
   * Then for the convocation planner's lock (the planner takes no other of these: no deadlock).
   */
  private async lockBeneficiaryWrites(sql: SqlRunner, anomalyId: string): Promise<void> {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.sameHumanReviews]);
    const [{ previous }] = await sql.query<{ previous: string }>(`SELECT current_setting('lock_timeout') AS previous`);
    await lockWithin(sql, ADVISORY_LOCKS.beneficiaryWrites, WRITES_WAIT, () =>
      busy('Beneficiary data is being rewritten (a CAF file import, the retention job or a NIR key rotation); send the review again once it is done', anomalyId),
    );
    // Then the convocation planner's: a planning under way read the links before this review, and
    // would act on them after it (carry an appointment over to a record just unlinked, say). A
    // planning takes seconds; the review waits for it, PLANNING_WAIT at most.
    await lockWithin(sql, ADVISORY_LOCKS.convocationPlanning, PLANNING_WAIT, () => busy('The convocation planner is running; send the review again in a minute', anomalyId));
    await sql.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
  }
}

/** Takes a transaction-level advisory lock, waiting `wait` at most (PostgreSQL's lock_timeout); `refused` tells why it was not got. */
async function lockWithin(sql: SqlRunner, key: number, wait: string, refused: () => IntakeError): Promise<void> {
  await sql.query(`SELECT set_config('lock_timeout', $1, true)`, [wait]);
  try {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [key]);
  } catch (error) {
    if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
    throw refused();
  }
}

function busy(message: string, anomalyId: string): IntakeError {
  return new IntakeError(IntakeErrorCode.BeneficiaryWritesBusy, message, { anomalyId });
}

function notFound(anomalyId: string): IntakeError {
  return new IntakeError(IntakeErrorCode.AnomalyNotFound, 'No intake anomaly with this id', { anomalyId });
}

import { randomUUID } from 'node:crypto';
import { actorRef, endPortfolioGrants } from '@rsa/access';
import type { Actor } from '@rsa/kernel';
import { ADVISORY_LOCKS, lockFor, type SqlRunner } from '@rsa/platform';
import type { Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';

/** A period as the API shows it. */
export interface OrientationPeriodView {
  id: string;
  personId: string;
  pathId: string | null;
  territoryId: string;
  dominante: Dominante;
  structureKind: string;
  structureId: string | null;
  referentId: string | null;
  decisionId: string | null;
  startsOn: string;
  endsOn: string | null;
  endReason: string | null;
  version: number;
  createdAt: Date;
  createdBy: string;
}

export const PERIOD_COLUMNS = `id, person_id AS "personId", path_id AS "pathId", territory_id AS "territoryId", dominante,
  structure_kind AS "structureKind", structure_id AS "structureId", referent_id AS "referentId", decision_id AS "decisionId",
  to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", end_reason AS "endReason", version,
  created_at AS "createdAt", created_by AS "createdBy"`;

/** What opens a period: a view's fields that the decision chooses (`startsOn` a Paris calendar day, YYYY-MM-DD). */
export type NewPeriod = Pick<
  OrientationPeriodView,
  'personId' | 'pathId' | 'territoryId' | 'dominante' | 'structureKind' | 'structureId' | 'referentId' | 'decisionId' | 'startsOn'
>;

/**
 * The one place that writes orientation periods, in the caller's transaction: the orientation
 * decision opens the first, a réorientation closes the current one and opens the next on the same
 * day, an exit closes it. The database refuses overlaps (exclusion constraint) and a second open
 * period (partial unique index); these functions lock the person's open period first so two
 * decisions at once queue instead of failing late.
 */
export const OrientationPeriods = {
  /**
   * The open period of a person, or null, with the person's orientation locked for the rest of the
   * transaction: an advisory lock on the person (there is no row to lock before the first period),
   * then the row itself. Every writer of periods goes through here first, so a check made after it
   * ("not oriented yet", "still in Équilibre") holds until commit.
   */
  async lockCurrent(runner: SqlRunner, personId: string): Promise<OrientationPeriodView | null> {
    await lockFor(runner, ADVISORY_LOCKS.orientationPeriods, personId);
    const [row] = await runner.query<OrientationPeriodView>(`SELECT ${PERIOD_COLUMNS} FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL FOR UPDATE`, [personId]);
    return row ?? null;
  },

  async current(runner: SqlRunner, personId: string): Promise<OrientationPeriodView | null> {
    const [row] = await runner.query<OrientationPeriodView>(`SELECT ${PERIOD_COLUMNS} FROM orientation_period WHERE person_id = $1 AND ends_on IS NULL`, [personId]);
    return row ?? null;
  },

  /** Every period of a person, most recent first. */
  async history(runner: SqlRunner, personId: string): Promise<OrientationPeriodView[]> {
    return runner.query<OrientationPeriodView>(`SELECT ${PERIOD_COLUMNS} FROM orientation_period WHERE person_id = $1 ORDER BY starts_on DESC, created_at DESC`, [personId]);
  },

  /**
   * Opens a period; the open one, if any, ends the day the new one starts (`endReason`). A start
   * before the open period's start is refused: history is not rewritten by a new decision.
   */
  async open(runner: SqlRunner, actor: Actor, period: NewPeriod, endReason = 'reorientation'): Promise<{ opened: OrientationPeriodView; closed: OrientationPeriodView | null }> {
    const current = await OrientationPeriods.lockCurrent(runner, period.personId);
    let closed: OrientationPeriodView | null = null;
    if (current) {
      if (period.startsOn < current.startsOn) {
        throw new OrientationError(OrientationErrorCode.InvalidPeriod, 'A new orientation cannot start before the current one', { currentStartsOn: current.startsOn, startsOn: period.startsOn });
      }
      closed = await OrientationPeriods.close(runner, period.personId, period.startsOn, endReason, { by: actorRef(actor), access: 'kept' });
    }
    try {
      const [opened] = await runner.query<OrientationPeriodView>(
        `INSERT INTO orientation_period (id, person_id, path_id, territory_id, dominante, structure_kind, structure_id, referent_id, decision_id, starts_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${PERIOD_COLUMNS}`,
        [randomUUID(), period.personId, period.pathId, period.territoryId, period.dominante, period.structureKind, period.structureId, period.referentId, period.decisionId, period.startsOn, actorRef(actor)],
      );
      return { opened, closed };
    } catch (error) {
      if ((error as { code?: string }).code === '23P01' || (error as { code?: string }).code === '23505') {
        throw new OrientationError(OrientationErrorCode.PeriodOverlap, 'This person already has an orientation on these days', { startsOn: period.startsOn });
      }
      throw error;
    }
  },

  /**
   * Ends the open period on `endsOn` (exclusive); returns it as closed, or null when none is open.
   * What its portfolio gave ends with it: the referent's assignment (out of their load) and a first
   * accompaniment appointment still planned (cancelled). The access the portfolio gave to the file
   * (endPortfolioGrants) ends as `access` says: `now`, at a moment (an exit in employment, whose
   * follow-up the referent records), or `kept` (a réorientation: the referent hands over, and a new
   * period has no referent yet).
   */
  async close(runner: SqlRunner, personId: string, endsOn: string, endReason: string, ending: { by: string; access: 'now' | 'kept' | Date }): Promise<OrientationPeriodView | null> {
    await OrientationPeriods.lockCurrent(runner, personId);
    const [row] = await runner.query<OrientationPeriodView>(
      `UPDATE orientation_period SET ends_on = $2, end_reason = $3, version = version + 1, updated_at = now()
        WHERE person_id = $1 AND ends_on IS NULL AND starts_on <= $2 RETURNING ${PERIOD_COLUMNS}`,
      [personId, endsOn, endReason],
    );
    if (!row) {
      const open = await OrientationPeriods.current(runner, personId);
      if (open) throw new OrientationError(OrientationErrorCode.InvalidPeriod, 'An orientation cannot end before it starts', { startsOn: open.startsOn, endsOn });
      return null;
    }
    const reason = endReason.slice(0, 40);
    await runner.query(
      `UPDATE portfolio_assignment SET to_day = GREATEST(from_day, $2::date), end_reason = $3 WHERE period_id = $1 AND to_day IS NULL`,
      [row.id, endsOn, reason],
    );
    await runner.query(`UPDATE portfolio_first_appointment SET status = 'cancelled', outcome_at = now(), outcome_by = $2, version = version + 1 WHERE period_id = $1 AND status = 'planned'`, [
      row.id,
      ending.by,
    ]);
    if (ending.access !== 'kept') await endPortfolioGrants(runner, personId, ending.by, ending.access === 'now' ? null : ending.access);
    return row;
  },

  /** Sets the structure and referent of the open period (portfolio assignment and transfers). */
  async setReferent(runner: SqlRunner, personId: string, structureId: string, referentId: string): Promise<OrientationPeriodView> {
    await OrientationPeriods.lockCurrent(runner, personId);
    const [row] = await runner.query<OrientationPeriodView>(
      `UPDATE orientation_period SET structure_id = $2, referent_id = $3, version = version + 1, updated_at = now()
        WHERE person_id = $1 AND ends_on IS NULL RETURNING ${PERIOD_COLUMNS}`,
      [personId, structureId, referentId],
    );
    if (!row) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation', { personId });
    return row;
  },
};

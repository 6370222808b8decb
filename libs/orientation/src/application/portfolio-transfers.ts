import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type Actor, addDays, type Clock, isOneOf, parisDateOf, parisInstant, Permission } from '@rsa/kernel';
import { actorRef, type AccessPolicy, type CaseGrants } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { inPgTransaction, sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import { DEFAULT_PORTFOLIO_CAPACITY, type Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import type { Capacity } from '../domain/portfolio';
import { Notices } from './notices';
import { OrientationPeriods } from './orientation-periods';
import { insertAssignment, overCapacityWith } from './portfolio-assignments';
import { OVER_CAPACITY_REASONS, TRANSFER_REASONS, type OverCapacityReason, type TransferKind, type TransferReason } from './portfolio-codes';
import type { PortfolioAccess } from './portfolio-access';
import {
  absentOn, capacityLoadsOf, effectiveCapacity, homeTerritory, isActiveReferent, lockReferents, referentSettings, territorySettings, zeroLoad, type Load,
} from './portfolio-directory';
import { territoryCoordinators } from './orientation-context';

export interface TransferInput {
  fromReferentId: string;
  toReferentId: string;
  /** Some of the referent's people; all of them when absent. */
  personIds?: readonly string[] | null;
  kind: TransferKind;
  /** Temporary: the day the people return to their referent (the stand-in's access ends at its start). */
  until?: string | null;
  reasonCode: TransferReason;
  /** Needed when the receiver has no room left. */
  overCapacityReasonCode?: OverCapacityReason | null;
}

/**
 * A transfer's columns; `territories` names the parameter (a varchar[], or NULL for all) holding the
 * territories whose people the reader sees: a person is shown when the period moved is there.
 */
const transferView = (territories = 'NULL') => `t.id, t.from_referent_id AS "fromReferentId", t.to_referent_id AS "toReferentId", t.to_structure_id AS "toStructureId", t.kind,
  t.reason_code AS "reasonCode", t.over_capacity AS "overCapacity", t.over_capacity_reason AS "overCapacityReason",
  to_char(t.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn", t.created_at AS "createdAt", t.created_by AS "createdBy",
  COALESCE((SELECT json_agg(json_build_object('personId', i.person_id, 'periodId', i.period_id, 'dominante', i.dominante, 'grantId', i.grant_id, 'revokedGrantId', i.revoked_grant_id) ORDER BY i.person_id)
              FROM portfolio_transfer_item i
             WHERE i.transfer_id = t.id
               AND (${territories}::varchar[] IS NULL OR EXISTS (SELECT 1 FROM orientation_period op WHERE op.id = i.period_id AND op.territory_id = ANY(${territories}::varchar[])))), '[]') AS people`;

interface TransferRow {
  id: string;
  fromReferentId: string;
  toReferentId: string;
  kind: TransferKind;
  startsOn: string;
  endsOn: string | null;
  people: { personId: string; periodId: string; dominante: Dominante; grantId: string | null; revokedGrantId: string | null }[];
}

/**
 * Transfers between referents. Permanent (a departure, a rebalancing): the periods' referent
 * changes, the old referent's grant ends and the new one's begins, the assignment history
 * records from whom and why. Temporary (an absence): the stand-in gets the files until the
 * return day and the periods keep their referent, so the people come back without anything to
 * undo; the load view shows both. The receiver's capacity is checked (over capacity needs a
 * reason); both referents are told.
 */
export class PortfolioTransfers {
  constructor(
    private readonly pool: Pool,
    private readonly persons: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly access: PortfolioAccess,
    private readonly grants: CaseGrants,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async transfer(actor: Actor, input: TransferInput) {
    const action = 'portfolio.transfer';
    await this.policy.require(actor, Permission.PortfolioManage, { action });
    const now = this.clock.now();
    const today = parisDateOf(now);
    const invalid = (message: string, details?: Record<string, unknown>) => new OrientationError(OrientationErrorCode.InvalidTransfer, message, details);
    if (input.fromReferentId === input.toReferentId) throw invalid('A transfer goes from one referent to another');
    if (!isOneOf(TRANSFER_REASONS, input.reasonCode)) throw invalid(`The reason is one of ${TRANSFER_REASONS.join(', ')}`);
    if (input.overCapacityReasonCode && !isOneOf(OVER_CAPACITY_REASONS, input.overCapacityReasonCode)) {
      throw invalid(`Not a reason to go over capacity: one of ${OVER_CAPACITY_REASONS.join(', ')}`);
    }
    const until = input.until ?? null;
    if (input.kind === 'temporary' && (!until || until <= today || until > addDays(today, 366))) {
      throw invalid('A temporary transfer ends on the day the people return: after today, within a year', { until, today });
    }
    if (input.kind === 'permanent' && until) throw invalid('A permanent transfer has no end: leave `until` out');

    await this.access.referent(actor, input.fromReferentId, 'manage', action);
    const receiver = await this.access.referent(actor, input.toReferentId, 'manage', action);
    if (!isActiveReferent(receiver)) throw new OrientationError(OrientationErrorCode.ReferentNotEligible, 'The receiving referent has no active habilitation', { referentId: receiver.professionalId });
    const runner = sqlRunnerOf(this.pool);
    const receiverSetting = (await referentSettings(runner, [receiver.professionalId])).get(receiver.professionalId);
    if (absentOn(receiverSetting, today)) {
      throw new OrientationError(OrientationErrorCode.ReferentNotEligible, `The receiving referent is absent until ${receiverSetting?.absentTo}`, { referentId: receiver.professionalId });
    }

    const territoryIds = this.access.territoriesOf(actor, input.fromReferentId);
    const portfolio = await runner.query<{ person_id: string; territory_id: string; structure_kind: string; dominante: Dominante }>(
      `SELECT person_id, territory_id, structure_kind, dominante FROM orientation_period
        WHERE ends_on IS NULL AND referent_id = $1 AND ($2::varchar[] IS NULL OR territory_id = ANY($2::varchar[])) ORDER BY person_id`,
      [input.fromReferentId, territoryIds ? [...territoryIds] : null],
    );
    const inPortfolio = new Set(portfolio.map((p) => p.person_id));
    const wanted = input.personIds ? [...new Set(input.personIds)] : [...inPortfolio];
    const outside = wanted.filter((id) => !inPortfolio.has(id));
    if (outside.length > 0) throw new OrientationError(OrientationErrorCode.NotInPortfolio, "These people are not in the referent's portfolio", { personIds: outside });
    if (wanted.length === 0) throw invalid('Nobody to transfer: the portfolio is empty');
    for (const personId of wanted) await this.persons.require(actor, Permission.PortfolioManage, personId, action);

    const structureFor = (territoryId: string, kind: string) =>
      receiver.habilitations.find((h) => h.active && h.structureKind === kind && (h.territoryId === null || h.territoryId === territoryId))?.structureId;
    const unfit = portfolio.filter((p) => wanted.includes(p.person_id) && !structureFor(p.territory_id, p.structure_kind)).map((p) => p.person_id);
    if (unfit.length > 0) {
      throw new OrientationError(OrientationErrorCode.ReferentNotEligible, "The receiving referent does not work in these people's kind of structure and territory (that would be a réorientation)", { personIds: unfit });
    }

    const result = await inPgTransaction(this.pool, async (tx) => {
      await lockReferents(tx, [input.fromReferentId, input.toReferentId]);
      const periods = [];
      for (const personId of wanted) {
        const period = await OrientationPeriods.lockCurrent(tx, personId);
        if (!period || period.referentId !== input.fromReferentId) {
          throw new OrientationError(OrientationErrorCode.VersionConflict, 'The portfolio changed meanwhile: look again', { personId });
        }
        periods.push(period);
      }
      const home = homeTerritory(receiver);
      const territoryCapacity = home ? ((await territorySettings(tx, [home])).get(home)?.capacity as Capacity) : { ...DEFAULT_PORTFOLIO_CAPACITY };
      const capacity = effectiveCapacity(territoryCapacity, receiverSetting);
      const load = (await capacityLoadsOf(tx, [receiver.professionalId], today)).get(receiver.professionalId) as Load;
      const incoming = zeroLoad();
      for (const p of periods) incoming[p.dominante]++;
      const over = overCapacityWith(load, incoming, capacity);
      if (over.length > 0 && !input.overCapacityReasonCode) {
        throw new OrientationError(OrientationErrorCode.OverCapacityReasonRequired, 'The receiving referent has no room for them all: going over capacity needs a reason', { over, reasons: OVER_CAPACITY_REASONS });
      }
      const overCapacity = over.length > 0;
      const transferId = randomUUID();
      await tx.query(
        `INSERT INTO portfolio_transfer (id, from_referent_id, to_referent_id, to_structure_id, kind, reason_code, over_capacity, over_capacity_reason, starts_on, ends_on, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          transferId, input.fromReferentId, input.toReferentId, structureFor(periods[0].territoryId, periods[0].structureKind), input.kind, input.reasonCode, overCapacity,
          overCapacity ? input.overCapacityReasonCode : null, today, until, now, actorRef(actor),
        ],
      );
      for (const period of periods) {
        const structureId = structureFor(period.territoryId, period.structureKind) as string;
        let grantId: string;
        let revokedGrantId: string | null = null;
        if (input.kind === 'permanent') {
          await OrientationPeriods.setReferent(tx, period.personId, structureId, input.toReferentId);
          await tx.query(`UPDATE portfolio_assignment SET to_day = $2, end_reason = 'transfer' WHERE period_id = $1 AND to_day IS NULL`, [period.id, today]);
          const previous = await tx.query<{ id: string }>(
            `SELECT id FROM access_case_grant WHERE person_id = $1 AND professional_id = $2 AND basis = 'referent' AND revoked_at IS NULL ORDER BY created_at`,
            [period.personId, input.fromReferentId],
          );
          for (const g of previous) await this.grants.revoke(tx, actor, period.personId, g.id);
          revokedGrantId = previous[0]?.id ?? null;
          grantId = (await this.grants.insert(tx, actor, { personId: period.personId, professionalId: input.toReferentId, structureId: null, basis: 'referent', reasonCode: 'portfolio', validTo: null })).id;
          await insertAssignment(tx, {
            personId: period.personId, periodId: period.id, territoryId: period.territoryId, dominante: period.dominante, referentId: input.toReferentId, structureId,
            previousReferentId: input.fromReferentId, suggestedReferentId: null, kind: 'transfer', reasonCode: input.reasonCode, overCapacity,
            overCapacityReason: overCapacity ? (input.overCapacityReasonCode as string) : null, transferId, grantId, fromDay: today, assignedAt: now, assignedBy: actorRef(actor),
          });
          // A first appointment still to come is held by the new referent.
          await tx.query(`UPDATE portfolio_first_appointment SET referent_id = $2, version = version + 1 WHERE period_id = $1 AND status = 'planned'`, [period.id, input.toReferentId]);
        } else {
          grantId = (
            await this.grants.insert(tx, actor, {
              personId: period.personId, professionalId: input.toReferentId, structureId: null, basis: 'referent', reasonCode: 'temporary-absence', validTo: parisInstant(until as string, '00:00'),
            })
          ).id;
        }
        await tx.query(
          `INSERT INTO portfolio_transfer_item (transfer_id, person_id, period_id, dominante, grant_id, revoked_grant_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [transferId, period.personId, period.id, period.dominante, grantId, revokedGrantId],
        );
      }
      const detail = { transferId, kind: input.kind, fromReferentId: input.fromReferentId, toReferentId: input.toReferentId, people: periods.length, until, overCapacity };
      await Notices.notify(
        tx,
        [input.fromReferentId, input.toReferentId].map((recipientId) => ({
          recipientId, kind: 'portfolio-transferred' as const, subject: { type: 'portfolio-transfer', id: transferId }, detail, dueOn: until, dedupeKey: `transfer:${transferId}`,
        })),
      );
      if (overCapacity && home) {
        await Notices.notify(
          tx,
          (await territoryCoordinators(tx, home, today)).map((recipientId) => ({
            recipientId, kind: 'over-capacity' as const, subject: { type: 'portfolio-transfer', id: transferId },
            detail: { referentId: input.toReferentId, over, reasonCode: input.overCapacityReasonCode }, dedupeKey: `over-capacity:${transferId}`,
          })),
        );
      }
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'portfolio-transfer', id: transferId }, subjectIds: periods.map((p) => p.personId), reasonCode: input.reasonCode, detail },
        tx,
      );
      const [row] = await tx.query<TransferRow>(`SELECT ${transferView()} FROM portfolio_transfer t WHERE t.id = $1`, [transferId]);
      return row;
    });
    return { ...result, status: this.statusOf(result, today) };
  }

  /** Transfers from or to the referent, most recent first, with their people. */
  async history(actor: Actor, referentId: string) {
    const action = 'portfolio.transfers.read';
    await this.access.referent(actor, referentId, 'people', action);
    const today = parisDateOf(this.clock.now());
    // A referent working in several territories: a coordinator sees their own territories' people, and the transfers that moved some.
    const territories = this.access.territoriesOf(actor, referentId);
    const all = await this.pool.query<TransferRow>(
      `SELECT ${transferView('$2')} FROM portfolio_transfer t WHERE t.from_referent_id = $1 OR t.to_referent_id = $1 ORDER BY t.created_at DESC, t.id`,
      [referentId, territories],
    );
    const rows = territories === null ? all.rows : all.rows.filter((r) => r.people.length > 0);
    const subjectIds = [...new Set(rows.flatMap((r) => r.people.map((p) => p.personId)))];
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'referent', id: referentId }, subjectIds, detail: { transfers: rows.length } });
    return rows.map((r) => ({ ...r, direction: r.fromReferentId === referentId ? 'out' : 'in', status: this.statusOf(r, today) }));
  }

  /** permanent: done; temporary: active until the return day, then returned. */
  private statusOf(row: Pick<TransferRow, 'kind' | 'endsOn'>, today: string): 'done' | 'active' | 'returned' {
    if (row.kind === 'permanent') return 'done';
    return (row.endsOn as string) > today ? 'active' : 'returned';
  }
}

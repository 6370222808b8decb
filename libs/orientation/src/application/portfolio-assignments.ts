import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AccessDeniedError, AccessErrorCode, type Actor, type Clock, hasPermission, isOneOf, parisDateOf, Permission } from '@rsa/kernel';
import { actorRef, type AccessPolicy, type CaseGrants } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { inPgTransaction, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { DOMINANTES } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { suggestReferent, type Capacity, type ReferentCandidate } from '../domain/portfolio';
import { Notices } from './notices';
import { OrientationPeriods, type OrientationPeriodView } from './orientation-periods';
import { OVER_CAPACITY_REASONS, REFERENT_ROLES, type OverCapacityReason } from './portfolio-codes';
import { absentOn, capacityLoadsOf, effectiveCapacity, lockReferents, referentRecords, referentSettings, territorySettings, type Load } from './portfolio-directory';
import { territoryCoordinators } from './orientation-context';
import { FIRST_APPOINTMENT_COLUMNS, FirstAppointments, firstAppointmentState, type FirstAppointmentView } from './portfolio-first-appointments';

export interface AssignmentView {
  id: string;
  personId: string;
  periodId: string;
  territoryId: string;
  dominante: string;
  referentId: string;
  structureId: string;
  previousReferentId: string | null;
  suggestedReferentId: string | null;
  kind: 'assignment' | 'transfer';
  reasonCode: string;
  overCapacity: boolean;
  overCapacityReason: string | null;
  transferId: string | null;
  grantId: string | null;
  fromDay: string;
  toDay: string | null;
  endReason: string | null;
  assignedAt: Date;
  assignedBy: string;
}

export const ASSIGNMENT_COLUMNS = `id, person_id AS "personId", period_id AS "periodId", territory_id AS "territoryId", dominante, referent_id AS "referentId",
  structure_id AS "structureId", previous_referent_id AS "previousReferentId", suggested_referent_id AS "suggestedReferentId", kind, reason_code AS "reasonCode",
  over_capacity AS "overCapacity", over_capacity_reason AS "overCapacityReason", transfer_id AS "transferId", grant_id AS "grantId",
  to_char(from_day, 'YYYY-MM-DD') AS "fromDay", to_char(to_day, 'YYYY-MM-DD') AS "toDay", end_reason AS "endReason", assigned_at AS "assignedAt", assigned_by AS "assignedBy"`;

export interface CandidateView extends ReferentCandidate {
  displayName: string;
  room: number;
  absentUntil: string | null;
}

export interface AssignInput {
  /** Another referent than the suggested one. */
  professionalId?: string | null;
  /** Needed when the referent has no room left in the person's dominante. */
  reasonCode?: OverCapacityReason | null;
  /** The first accompaniment appointment (ISO instant); by default the next working day at 09:00. */
  firstAppointmentAt?: string | null;
}

/** Writes a new assignment row, in the caller's transaction. */
export async function insertAssignment(
  runner: SqlRunner,
  row: Omit<AssignmentView, 'id' | 'toDay' | 'endReason'> & { id?: string },
): Promise<AssignmentView> {
  const [inserted] = await runner.query<AssignmentView>(
    `INSERT INTO portfolio_assignment (id, person_id, period_id, territory_id, dominante, referent_id, structure_id, previous_referent_id, suggested_referent_id, kind,
        reason_code, over_capacity, over_capacity_reason, transfer_id, grant_id, from_day, assigned_at, assigned_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING ${ASSIGNMENT_COLUMNS}`,
    [
      row.id ?? randomUUID(), row.personId, row.periodId, row.territoryId, row.dominante, row.referentId, row.structureId, row.previousReferentId, row.suggestedReferentId,
      row.kind, row.reasonCode, row.overCapacity, row.overCapacityReason, row.transferId, row.grantId, row.fromDay, row.assignedAt, row.assignedBy,
    ],
  );
  return inserted;
}

/** The dominantes where `incoming` people would take the referent beyond capacity. */
export function overCapacityWith(load: Load, incoming: Load, capacity: Capacity): { dominante: string; load: number; incoming: number; capacity: number }[] {
  return DOMINANTES.filter((d) => incoming[d] > 0 && load[d] + incoming[d] > capacity[d]).map((d) => ({ dominante: d, load: load[d], incoming: incoming[d], capacity: capacity[d] }));
}

/**
 * Suggesting and assigning a person's referent after orientation: among the referents of the
 * period's kind of structure working in its territory, `suggestReferent` picks the one with the
 * most room (explained); a coordinator assigns them or another. Over capacity only with a reason,
 * which tells the territory's coordinators (notice) and shows in the load view. In one
 * transaction: the period's referent, the case grant that opens the file to them, the assignment
 * history row, the first accompaniment appointment, the notices, the audit entry.
 */
export class PortfolioAssignments {
  constructor(
    private readonly pool: Pool,
    private readonly persons: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly grants: CaseGrants,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The referents who could take this period's person, with their load, capacity and room (before the person joins). */
  static async candidates(runner: SqlRunner, period: OrientationPeriodView, today: string): Promise<CandidateView[]> {
    const records = await referentRecords(runner, { territoryId: period.territoryId }, today);
    const picked = records
      .map((r) => ({ record: r, habilitation: r.habilitations.find((h) => h.active && h.structureKind === period.structureKind && (h.territoryId === null || h.territoryId === period.territoryId)) }))
      .filter((c) => c.habilitation !== undefined);
    const ids = picked.map((c) => c.record.professionalId);
    // One after the other: in an assignment the runner is the transaction's one connection.
    const settings = await referentSettings(runner, ids);
    const loads = await capacityLoadsOf(runner, ids, today);
    const territory = await territorySettings(runner, [period.territoryId]);
    const territoryCapacity = territory.get(period.territoryId)?.capacity as Capacity;
    return picked.map(({ record, habilitation }) => {
      const setting = settings.get(record.professionalId);
      const capacity = effectiveCapacity(territoryCapacity, setting);
      const load = loads.get(record.professionalId) as Load;
      const available = !absentOn(setting, today);
      return {
        professionalId: record.professionalId, displayName: record.displayName, structureId: habilitation!.structureId, structureKind: habilitation!.structureKind,
        territoryIds: [period.territoryId], load, capacity, available, room: capacity[period.dominante] - load[period.dominante],
        absentUntil: available ? null : (setting?.absentTo ?? null),
      };
    });
  }

  async suggest(actor: Actor, personId: string) {
    const action = 'portfolio.suggest';
    await this.persons.require(actor, Permission.PortfolioManage, personId, action);
    const runner = sqlRunnerOf(this.pool);
    const period = await OrientationPeriods.current(runner, personId);
    if (!period) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation: orient them first', { personId });
    const today = parisDateOf(this.clock.now());
    const candidates = await PortfolioAssignments.candidates(runner, period, today);
    const suggestion = suggestReferent(candidates, period.dominante, period.territoryId, [period.structureKind as ReferentCandidate['structureKind']]);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], detail: { suggested: suggestion?.professionalId ?? null, candidates: candidates.length } });
    const chosen = suggestion ? candidates.find((c) => c.professionalId === suggestion.professionalId) : undefined;
    return {
      personId,
      period: { id: period.id, dominante: period.dominante, territoryId: period.territoryId, structureKind: period.structureKind, startsOn: period.startsOn },
      currentReferentId: period.referentId,
      suggestion: suggestion && chosen ? { ...suggestion, displayName: chosen.displayName, capacity: chosen.capacity[period.dominante], load: chosen.load[period.dominante] } : null,
      candidates: [...candidates].sort((a, b) => b.room - a.room || (a.professionalId < b.professionalId ? -1 : 1)),
      overCapacityReasons: OVER_CAPACITY_REASONS,
    };
  }

  async assign(actor: Actor, personId: string, input: AssignInput) {
    const action = 'portfolio.assign';
    await this.persons.require(actor, Permission.PortfolioManage, personId, action);
    if (input.reasonCode && !isOneOf(OVER_CAPACITY_REASONS, input.reasonCode)) {
      throw new OrientationError(OrientationErrorCode.OverCapacityReasonRequired, `Not a reason to go over capacity: one of ${OVER_CAPACITY_REASONS.join(', ')}`, { reasons: OVER_CAPACITY_REASONS });
    }
    const now = this.clock.now();
    const today = parisDateOf(now);
    const result = await inPgTransaction(this.pool, async (runner) => {
      const period = await OrientationPeriods.lockCurrent(runner, personId);
      if (!period) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation: orient them first', { personId });
      if (period.referentId) {
        throw new OrientationError(OrientationErrorCode.AlreadyAssigned, 'This person already has a referent: a transfer moves them', { referentId: period.referentId });
      }
      const suggestion = suggestReferent(await PortfolioAssignments.candidates(runner, period, today), period.dominante, period.territoryId, [period.structureKind as ReferentCandidate['structureKind']]);
      const referentId = input.professionalId ?? suggestion?.professionalId;
      if (!referentId) {
        throw new OrientationError(OrientationErrorCode.NoReferentAvailable, `No referent of a ${period.structureKind} works in ${period.territoryId}`, { territoryId: period.territoryId, structureKind: period.structureKind });
      }
      // Capacity is checked under the referent's lock: two assignments at once cannot both take the last place.
      await lockReferents(runner, [referentId]);
      const candidate = (await PortfolioAssignments.candidates(runner, period, today)).find((c) => c.professionalId === referentId);
      if (!candidate) {
        const [known] = await referentRecords(runner, { ids: [referentId] }, today);
        if (!known) throw new OrientationError(OrientationErrorCode.ReferentNotFound, 'No referent with this id', { referentId });
        throw new OrientationError(OrientationErrorCode.ReferentNotEligible, `This referent has no active habilitation in a ${period.structureKind} of ${period.territoryId}`, {
          referentId, structureKind: period.structureKind, territoryId: period.territoryId,
        });
      }
      if (!candidate.available) {
        throw new OrientationError(OrientationErrorCode.ReferentNotEligible, `This referent is absent until ${candidate.absentUntil}`, { referentId, absentUntil: candidate.absentUntil });
      }
      const d = period.dominante;
      const overCapacity = candidate.load[d] + 1 > candidate.capacity[d];
      if (overCapacity && !input.reasonCode) {
        throw new OrientationError(OrientationErrorCode.OverCapacityReasonRequired, `This referent's ${d} portfolio is full (${candidate.load[d]} of ${candidate.capacity[d]}): going over capacity needs a reason`, {
          referentId, dominante: d, load: candidate.load[d], capacity: candidate.capacity[d], reasons: OVER_CAPACITY_REASONS,
        });
      }
      const updated = await OrientationPeriods.setReferent(runner, personId, candidate.structureId, referentId);
      const grant = await this.grants.insert(runner, actor, { personId, professionalId: referentId, structureId: null, basis: 'referent', reasonCode: 'portfolio', validTo: null });
      const assignment = await insertAssignment(runner, {
        personId, periodId: period.id, territoryId: period.territoryId, dominante: d, referentId, structureId: candidate.structureId, previousReferentId: null,
        suggestedReferentId: suggestion?.professionalId ?? null, kind: 'assignment', reasonCode: 'orientation', overCapacity,
        overCapacityReason: overCapacity ? (input.reasonCode as string) : null, transferId: null, grantId: grant.id, fromDay: today, assignedAt: now, assignedBy: actorRef(actor),
      });
      const firstAppointment = await FirstAppointments.scheduleIn(runner, actor, updated, referentId, now, input.firstAppointmentAt ? new Date(input.firstAppointmentAt) : null, 'assigned-after-deadline');
      await Notices.notify(runner, [
        {
          recipientId: referentId, kind: 'portfolio-assigned', personId, subject: { type: 'portfolio-assignment', id: assignment.id },
          detail: { dominante: d, periodId: period.id, structureId: candidate.structureId, overCapacity }, dedupeKey: `portfolio-assigned:${assignment.id}`,
        },
      ]);
      if (overCapacity) {
        const coordinators = await territoryCoordinators(runner, period.territoryId, today);
        await Notices.notify(
          runner,
          coordinators.map((recipientId) => ({
            recipientId, kind: 'over-capacity' as const, personId, subject: { type: 'portfolio-assignment', id: assignment.id },
            detail: { referentId, dominante: d, load: candidate.load[d] + 1, capacity: candidate.capacity[d], reasonCode: input.reasonCode }, dedupeKey: `over-capacity:${assignment.id}`,
          })),
        );
      }
      await this.audit.record(
        {
          actor, action, outcome: 'allowed', target: { type: 'portfolio-assignment', id: assignment.id }, subjectIds: [personId], reasonCode: assignment.overCapacityReason,
          detail: {
            referentId, structureId: candidate.structureId, suggested: suggestion?.professionalId ?? null, overCapacity, grantId: grant.id,
            firstAppointmentAt: firstAppointment.at, deadline: firstAppointment.deadline,
          },
        },
        runner,
      );
      return { assignment, period: updated, firstAppointment, suggestion, grantId: grant.id };
    });
    return { ...result, firstAppointment: { ...result.firstAppointment, ...firstAppointmentState(result.firstAppointment, result.firstAppointment.deadline, now) } };
  }

  /** A person's referent now and the history of their assignments and first appointments (who, when, from whom, why). */
  async ofPerson(actor: Actor, personId: string) {
    const action = 'portfolio.person.read';
    await this.persons.require(actor, Permission.PortfolioRead, personId, action);
    if (!hasPermission(actor, Permission.PortfolioManage) && !(actor.kind === 'user' && isOneOf(REFERENT_ROLES, actor.role))) {
      await this.policy.refuse(actor, { action, target: { type: 'person', id: personId }, subjectIds: [personId] }, new AccessDeniedError(AccessErrorCode.Forbidden, 'Figures only for this role'));
    }
    const runner = sqlRunnerOf(this.pool);
    const period = await OrientationPeriods.current(runner, personId);
    const assignments = await runner.query<AssignmentView>(`SELECT ${ASSIGNMENT_COLUMNS} FROM portfolio_assignment WHERE person_id = $1 ORDER BY assigned_at DESC, id`, [personId]);
    const firstAppointments = await runner.query<FirstAppointmentView>(`SELECT ${FIRST_APPOINTMENT_COLUMNS} FROM portfolio_first_appointment WHERE person_id = $1 ORDER BY created_at DESC, id`, [personId]);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId] });
    return { personId, referentId: period?.referentId ?? null, structureId: period?.structureId ?? null, period, assignments, firstAppointments };
  }
}

import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type Actor, addDays, Clock, isOneOf, parisDateOf, Permission } from '@rsa/kernel';
import { actorRef } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { inPgTransaction, sqlRunnerOf, type AuditDiff, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { ACTION_CATEGORIES, firstPeriod, heaviestWeek, INTENSITY_ADJUSTMENT_REASONS, MAX_PLANNED_WEEKLY_HOURS, renewalPeriod, type ActionCategory, type ContractPeriod } from '../domain/contract';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { OrientationPeriods } from './orientation-periods';
import { recordingHolderRefusal, requireAccompaniment } from './accompaniment-holders';
import {
  ACTION_CANCEL_REASONS,
  actionLabel,
  actionTransitionAllowed,
  BILAN_NEXT_STEPS,
  BILAN_OUTCOMES,
  contractKindFor,
  mondayOf,
  PROVIDER_CODE,
  RENEWAL_WITHOUT_BILAN_REASONS,
  wholeWeeks,
  type ActionStatus,
  type BilanOutcome,
} from './contract-rules';
import { actionsOf, contractRow, contractView, periodsOf, type ContractPeriodView, type ContractRow, type ContractView } from './contract-sql';

/** How long before its end a period may be renewed (the reminder comes 15 days before it). */
const RENEWAL_OPENS_DAYS_BEFORE_END = 30;

export interface NewAction {
  category: ActionCategory;
  code: string;
  weeklyHours: number;
  startsOn: string;
  endsOn: string;
  providerStructureId?: string | null;
  providerCode?: string | null;
}

export interface ActionPatch {
  status?: ActionStatus;
  cancelReason?: string | null;
  weeklyHours?: number;
  startsOn?: string;
  endsOn?: string;
}

export interface NewAdjustment {
  weeklyHours: number;
  reason?: string | null;
  from: string;
  to: string;
}

export interface NewBilan {
  heldOn: string;
  outcome: BilanOutcome;
  nextSteps: string[];
  /** The period it is the bilan of: the current one unless given (an earlier one renewed without its bilan). */
  periodSeq?: number;
}

interface Change {
  kind: string;
  /** Codes, ids and dates only: it goes to the contract's history and the audit trail. */
  detail: Record<string, unknown>;
  diff?: AuditDiff;
}

/**
 * The contrat d'engagement's writes: draw it up for the person's current orientation (CER or PPAE
 * by the referent structure), sign it (its first period and bilan by dominante), its action plan,
 * intensity adjustments, the bilan and renewals. Every change is checked against the person's scope
 * (PersonAccess), takes the version it was made on (a stale one is refused, 409), bumps it, keeps
 * an event of the new version and is audited, in one transaction.
 */
/** How far past the contract's current period an action may begin: a renewal's shortest, three months. */
const ACTION_START_MARGIN_DAYS = 92;

export class ContractCommands {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** A draft contract for the person's current orientation period; one live contract per period. */
  async create(actor: Actor, personId: string): Promise<ContractView> {
    const action = 'contract.create';
    await this.access.require(actor, Permission.ContractWrite, personId, action);
    const id = randomUUID();
    await recordingHolderRefusal(this.audit, actor, { action, target: { type: 'person', id: personId }, personId }, () => inPgTransaction(this.pool, async (runner) => {
      const period = await OrientationPeriods.lockCurrent(runner, personId);
      if (!period) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation: a contract follows an orientation', { personId });
      await requireAccompaniment(runner, actor, period);
      const [live] = await runner.query<{ id: string }>(`SELECT id FROM contract WHERE orientation_period_id = $1 AND status <> 'ended'`, [period.id]);
      if (live) throw new OrientationError(OrientationErrorCode.ContractAlreadyLive, 'This orientation already has a contract', { contractId: live.id });
      const kind = contractKindFor(period.structureKind);
      try {
        await runner.query(
          `INSERT INTO contract (id, person_id, orientation_period_id, territory_id, dominante, kind, structure_kind, structure_id, status, version, created_at, created_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', 1, $9, $10, $9)`,
          [id, personId, period.id, period.territoryId, period.dominante, kind, period.structureKind, period.structureId, this.clock.now(), actorRef(actor)],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new OrientationError(OrientationErrorCode.ContractAlreadyLive, 'This orientation already has a contract', { periodId: period.id });
        throw error;
      }
      await this.event(runner, id, 1, actor, { kind: 'created', detail: { kind, dominante: period.dominante, orientationPeriodId: period.id } });
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'contract', id }, subjectIds: [personId], detail: { kind, dominante: period.dominante, orientationPeriodId: period.id } },
        runner,
      );
    }));
    return contractView(sqlRunnerOf(this.pool), id);
  }

  /** Signature: the first period by dominante (Emploi 3 months, Équilibre and Remobilisation 6), its bilan on its last day. */
  async sign(actor: Actor, contractId: string, expectedVersion: number, signedOn: string): Promise<ContractView> {
    return this.change(actor, contractId, 'contract.sign', expectedVersion, async (runner, contract, today) => {
      if (contract.status !== 'draft') throw new OrientationError(OrientationErrorCode.ContractState, `This contract is already ${contract.status}`, { status: contract.status });
      if (signedOn > today) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A contract is signed today or on a past day, not in the future', { signedOn, today });
      const orientationStartsOn = await this.orientationStartOf(runner, contract);
      if (signedOn < orientationStartsOn) {
        throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A contract is signed on or after the start of its orientation', { signedOn, orientationStartsOn });
      }
      const first = firstPeriod(contract.dominante, signedOn);
      await runner.query(`UPDATE contract SET status = 'signed', signed_on = $2 WHERE id = $1`, [contractId, signedOn]);
      await this.insertPeriod(runner, contractId, 1, 'first', first, null, actor);
      return { kind: 'signed', detail: { signedOn, endsOn: first.endsOn, bilanDueOn: first.bilanDueOn } };
    });
  }

  async addAction(actor: Actor, contractId: string, expectedVersion: number, input: NewAction): Promise<ContractView> {
    return this.change(actor, contractId, 'contract.action.add', expectedVersion, async (runner, contract, today) => {
      if (!isOneOf(ACTION_CATEGORIES, input.category)) throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown action category: ${ACTION_CATEGORIES.join(', ')}`);
      if (!actionLabel(input.category, input.code)) {
        throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown action code ${input.code} for category ${input.category}`, { category: input.category, code: input.code });
      }
      this.checkDates(input.startsOn, input.endsOn);
      await this.checkWithinOrientation(runner, contract, input.startsOn);
      await this.checkNotBeyondPeriod(runner, contract, input.startsOn, today);
      await this.checkWeekHours(runner, contractId, null, input);
      await this.checkProvider(runner, input.providerStructureId ?? null, input.providerCode ?? null);
      const id = randomUUID();
      await runner.query(
        `INSERT INTO contract_action (id, contract_id, category, code, weekly_hours, starts_on, ends_on, provider_structure_id, provider_code, status, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'planned', $10, $11, $10)`,
        [id, contractId, input.category, input.code, input.weeklyHours, input.startsOn, input.endsOn, input.providerStructureId ?? null, input.providerCode ?? null, this.clock.now(), actorRef(actor)],
      );
      return { kind: 'action-added', detail: { actionId: id, category: input.category, code: input.code, weeklyHours: input.weeklyHours, startsOn: input.startsOn, endsOn: input.endsOn } };
    });
  }

  /** Status (planned → in-progress → done, or cancelled with its reason), hours or dates of an action still open. */
  async changeAction(actor: Actor, contractId: string, actionId: string, expectedVersion: number, patch: ActionPatch): Promise<ContractView> {
    return this.change(actor, contractId, 'contract.action.change', expectedVersion, async (runner, contract, today) => {
      const before = (await actionsOf(runner, contractId)).find((a) => a.id === actionId);
      if (!before) throw new OrientationError(OrientationErrorCode.ActionNotFound, 'No such action in this contract', { actionId });
      if (before.status === 'done' || before.status === 'cancelled') {
        throw new OrientationError(OrientationErrorCode.ActionClosed, `This action is ${before.status}: nothing more to change`, { status: before.status });
      }
      const status = patch.status ?? before.status;
      if (!actionTransitionAllowed(before.status, status)) {
        throw new OrientationError(OrientationErrorCode.ContractInvalid, `An action ${before.status} cannot become ${status}`, { from: before.status, to: status });
      }
      const cancelReason = status === 'cancelled' ? (patch.cancelReason ?? null) : null;
      if (status === 'cancelled' && !isOneOf(ACTION_CANCEL_REASONS, cancelReason)) {
        throw new OrientationError(OrientationErrorCode.ContractInvalid, `A cancelled action needs its reason: ${ACTION_CANCEL_REASONS.join(', ')}`, { reasons: ACTION_CANCEL_REASONS });
      }
      if (status !== 'cancelled' && patch.cancelReason) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A cancel reason goes with status cancelled only');
      const after = { status, cancelReason, weeklyHours: patch.weeklyHours ?? before.weeklyHours, startsOn: patch.startsOn ?? before.startsOn, endsOn: patch.endsOn ?? before.endsOn };
      this.checkDates(after.startsOn, after.endsOn);
      if (after.startsOn !== before.startsOn) {
        await this.checkWithinOrientation(runner, contract, after.startsOn);
        await this.checkNotBeyondPeriod(runner, contract, after.startsOn, today);
      }
      if (after.status !== 'cancelled') await this.checkWeekHours(runner, contractId, actionId, after);
      await runner.query(
        `UPDATE contract_action SET status = $2, cancel_reason = $3, weekly_hours = $4, starts_on = $5, ends_on = $6, updated_at = $7 WHERE id = $1`,
        [actionId, after.status, after.cancelReason, after.weeklyHours, after.startsOn, after.endsOn, this.clock.now()],
      );
      const changed = Object.fromEntries(
        (['status', 'cancelReason', 'weeklyHours', 'startsOn', 'endsOn'] as const).filter((k) => after[k] !== before[k]).map((k) => [k, { before: before[k], after: after[k] }]),
      );
      return { kind: 'action-changed', detail: { actionId, changes: changed }, diff: changed };
    });
  }

  /**
   * Another weekly floor than 15 hours (DOMAIN.md §7: "at least 15 h unless adjusted") for whole
   * weeks, with its reason; the reason is required. Adjustments of one contract never overlap.
   */
  async adjustIntensity(actor: Actor, contractId: string, expectedVersion: number, input: NewAdjustment): Promise<ContractView> {
    if (!isOneOf(INTENSITY_ADJUSTMENT_REASONS, input.reason)) {
      throw new OrientationError(OrientationErrorCode.IntensityReasonRequired, `An intensity adjustment needs its reason: ${INTENSITY_ADJUSTMENT_REASONS.join(', ')}`, {
        reasons: INTENSITY_ADJUSTMENT_REASONS,
      });
    }
    return this.change(actor, contractId, 'contract.intensity.adjust', expectedVersion, async (runner, contract) => {
      this.checkDates(input.from, input.to);
      await this.checkWithinOrientation(runner, contract, input.from);
      const weeks = wholeWeeks(input.from, input.to);
      const id = randomUUID();
      try {
        await runner.query(
          `INSERT INTO contract_intensity_adjustment (id, contract_id, weekly_hours, reason, from_on, to_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, contractId, input.weeklyHours, input.reason, weeks.fromOn, weeks.toOn, this.clock.now(), actorRef(actor)],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23P01') {
          throw new OrientationError(OrientationErrorCode.IntensityAdjustmentOverlap, 'Another adjustment already covers some of these weeks', weeks);
        }
        throw error;
      }
      return { kind: 'intensity-adjusted', detail: { adjustmentId: id, weeklyHours: input.weeklyHours, reason: input.reason, ...weeks } };
    });
  }

  /** The bilan of the current period (due on its last day): outcome renew, reorient or exit, and next steps. */
  async recordBilan(actor: Actor, contractId: string, expectedVersion: number, input: NewBilan): Promise<ContractView> {
    return this.change(actor, contractId, 'contract.bilan', expectedVersion, async (runner, contract, today) => {
      if (contract.status === 'draft') throw new OrientationError(OrientationErrorCode.ContractState, 'A bilan follows a signed contract');
      if (!isOneOf(BILAN_OUTCOMES, input.outcome)) throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown outcome: ${BILAN_OUTCOMES.join(', ')}`);
      const unknown = input.nextSteps.filter((s) => !isOneOf(BILAN_NEXT_STEPS, s));
      if (unknown.length > 0) throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown next steps: ${unknown.join(', ')}`, { allowed: BILAN_NEXT_STEPS });
      const periods = await periodsOf(runner, contractId);
      const current = this.bilanPeriod(periods, input.periodSeq);
      if (input.heldOn > today || input.heldOn < current.startsOn) {
        throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A bilan is held during its period or after it, on a past day or today', { heldOn: input.heldOn, periodStartsOn: current.startsOn, today });
      }
      const [done] = await runner.query(`SELECT 1 FROM contract_bilan WHERE contract_id = $1 AND period_seq = $2`, [contractId, current.seq]);
      if (done) throw new OrientationError(OrientationErrorCode.BilanAlreadyRecorded, 'The bilan of this period is already recorded', { periodSeq: current.seq });
      const id = randomUUID();
      const nextSteps = [...new Set(input.nextSteps)];
      await runner.query(`INSERT INTO contract_bilan (id, contract_id, period_seq, held_on, outcome, next_steps, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        id,
        contractId,
        current.seq,
        input.heldOn,
        input.outcome,
        JSON.stringify(nextSteps),
        this.clock.now(),
        actorRef(actor),
      ]);
      return { kind: 'bilan', detail: { bilanId: id, periodSeq: current.seq, heldOn: input.heldOn, outcome: input.outcome, nextSteps, dueOn: current.bilanDueOn } };
    });
  }

  /**
   * The next period by dominante (Emploi and Équilibre + 3 months, Remobilisation + 6), from the day
   * after the current one ends. The bilan of the current period comes first and must have decided a
   * renewal, unless a reason says why it is postponed.
   */
  async renew(actor: Actor, contractId: string, expectedVersion: number, withoutBilanReason: string | null): Promise<ContractView> {
    return this.change(actor, contractId, 'contract.renew', expectedVersion, async (runner, contract, today) => {
      if (contract.status === 'draft') throw new OrientationError(OrientationErrorCode.ContractState, 'A draft contract is signed, not renewed');
      const current = (await periodsOf(runner, contractId)).at(-1);
      if (!current) throw new OrientationError(OrientationErrorCode.ContractState, 'This contract has no period');
      const [bilan] = await runner.query<{ outcome: string }>(`SELECT outcome FROM contract_bilan WHERE contract_id = $1 AND period_seq = $2`, [contractId, current.seq]);
      if (bilan && bilan.outcome !== 'renew') {
        throw new OrientationError(OrientationErrorCode.BilanRequired, `The bilan of this period decided ${bilan.outcome}, not a renewal`, { outcome: bilan.outcome });
      }
      // Without its bilan, a renewal waits for the period's end: not stacked ahead (a year of periods
      // on the signing day would leave no bilan to hold and none reminded). A bilan held early,
      // during its period, that decided the renewal, opens it at once.
      const opensOn = addDays(current.endsOn, -RENEWAL_OPENS_DAYS_BEFORE_END);
      if (!bilan && today < opensOn) {
        throw new OrientationError(OrientationErrorCode.ContractState, `Without its bilan, a period is renewed near its end: from ${opensOn}, ${RENEWAL_OPENS_DAYS_BEFORE_END} days before it ends on ${current.endsOn}`, {
          periodSeq: current.seq,
          endsOn: current.endsOn,
          renewableFrom: opensOn,
        });
      }
      if (!bilan) {
        if (withoutBilanReason === null) {
          throw new OrientationError(OrientationErrorCode.BilanRequired, 'The bilan of the current period comes before its renewal (or give the reason it is postponed)', {
            periodSeq: current.seq,
            bilanDueOn: current.bilanDueOn,
            reasons: RENEWAL_WITHOUT_BILAN_REASONS,
          });
        }
        if (!isOneOf(RENEWAL_WITHOUT_BILAN_REASONS, withoutBilanReason)) {
          throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown reason: ${RENEWAL_WITHOUT_BILAN_REASONS.join(', ')}`, { reasons: RENEWAL_WITHOUT_BILAN_REASONS });
        }
      }
      const next = renewalPeriod(contract.dominante, current.endsOn);
      await runner.query(`UPDATE contract SET status = 'renewed' WHERE id = $1`, [contractId]);
      await this.insertPeriod(runner, contractId, current.seq + 1, 'renewal', next, bilan ? null : withoutBilanReason, actor);
      return { kind: 'renewed', detail: { periodSeq: current.seq + 1, startsOn: next.startsOn, endsOn: next.endsOn, bilanDueOn: next.bilanDueOn, withoutBilanReason: bilan ? null : withoutBilanReason } };
    });
  }

  /**
   * One change of a live contract: the gate, the lock, the version check, the change, the new
   * version with its event, the audit, in one transaction; the whole contract back.
   */
  private async change(actor: Actor, contractId: string, action: string, expectedVersion: number, work: (runner: SqlRunner, contract: ContractRow, today: string) => Promise<Change>): Promise<ContractView> {
    const { personId } = await contractRow(sqlRunnerOf(this.pool), contractId);
    await this.access.require(actor, Permission.ContractWrite, personId, action);
    await recordingHolderRefusal(this.audit, actor, { action, target: { type: 'contract', id: contractId }, personId }, () => inPgTransaction(this.pool, async (runner) => {
      // The person's orientation lock, as every writer of their period takes it: the referent cannot change under the check.
      const period = await OrientationPeriods.lockCurrent(runner, personId);
      const contract = await contractRow(runner, contractId, true);
      if (period && period.id === contract.orientationPeriodId) await requireAccompaniment(runner, actor, period);
      if (contract.version !== expectedVersion) {
        throw new OrientationError(OrientationErrorCode.VersionConflict, 'This contract changed since you read it: read it again', { expectedVersion, currentVersion: contract.version });
      }
      if (contract.status === 'ended' || !contract.periodOpen) {
        throw new OrientationError(OrientationErrorCode.ContractNotLive, 'This contract is no longer alive (ended, or its orientation closed)', { status: contract.status });
      }
      const today = parisDateOf(this.clock.now());
      const change = await work(runner, contract, today);
      const version = contract.version + 1;
      await runner.query(`UPDATE contract SET version = $2, updated_at = $3 WHERE id = $1`, [contractId, version, this.clock.now()]);
      await this.event(runner, contractId, version, actor, change);
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'contract', id: contractId }, subjectIds: [personId], detail: { version, ...change.detail }, ...(change.diff ? { diff: change.diff } : {}) },
        runner,
      );
    }));
    return contractView(sqlRunnerOf(this.pool), contractId);
  }

  private async event(runner: SqlRunner, contractId: string, version: number, actor: Actor, change: Change): Promise<void> {
    await runner.query(`INSERT INTO contract_event (contract_id, version, kind, detail, at, by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      contractId,
      version,
      change.kind,
      JSON.stringify(change.detail),
      this.clock.now(),
      actorRef(actor),
    ]);
  }

  private async insertPeriod(runner: SqlRunner, contractId: string, seq: number, kind: 'first' | 'renewal', period: ContractPeriod, withoutBilanReason: string | null, actor: Actor): Promise<void> {
    await runner.query(
      `INSERT INTO contract_period (contract_id, seq, kind, starts_on, ends_on, bilan_due_on, remind_on, without_bilan_reason, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [contractId, seq, kind, period.startsOn, period.endsOn, period.bilanDueOn, period.remindOn, withoutBilanReason, this.clock.now(), actorRef(actor)],
    );
  }

  /**
   * The period a bilan is recorded for: the current one, or an earlier one whose renewal was made
   * without it (postponed, with its reason): that bilan is still owed and is held afterwards.
   */
  private bilanPeriod(periods: readonly ContractPeriodView[], periodSeq: number | undefined): ContractPeriodView {
    const current = periods.at(-1);
    if (!current) throw new OrientationError(OrientationErrorCode.ContractState, 'This contract has no period');
    if (periodSeq === undefined || periodSeq === current.seq) return current;
    const period = periods.find((p) => p.seq === periodSeq);
    const postponed = periods.find((p) => p.seq === periodSeq + 1)?.withoutBilanReason;
    if (!period || !postponed) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A bilan is recorded for the current period, or for an earlier one renewed without it', {
        periodSeq,
        currentPeriodSeq: current.seq,
        postponed: periods.filter((p) => p.withoutBilanReason !== null).map((p) => p.seq - 1),
      });
    }
    return period;
  }

  /**
   * An action or an adjustment belongs to the contract's orientation: it does not begin before the
   * orientation did (a year typed wrong would count weeks nobody was oriented in).
   */
  private async checkWithinOrientation(runner: SqlRunner, contract: ContractRow, from: string): Promise<void> {
    const orientationStartsOn = await this.orientationStartOf(runner, contract);
    if (from < orientationStartsOn) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, `An action or adjustment of this contract begins on or after its orientation began, on ${orientationStartsOn}`, { from, orientationStartsOn });
    }
  }

  /**
   * An action begins within the contract's current period (the last one signed or renewed) or the
   * three months after it, a renewal's shortest (a training that starts just after the bilan); one
   * that begins later belongs to a later renewal. Before the signature, a first period's six months
   * at most from today count as the period. A year typed wrong forward (2199) is caught here, as one
   * typed backward is by checkWithinOrientation.
   */
  private async checkNotBeyondPeriod(runner: SqlRunner, contract: ContractRow, startsOn: string, today: string): Promise<void> {
    const [row] = await runner.query<{ endsOn: string | null }>(`SELECT to_char(max(ends_on), 'YYYY-MM-DD') AS "endsOn" FROM contract_period WHERE contract_id = $1`, [contract.id]);
    const latest = addDays(row?.endsOn ?? addDays(today, 183), ACTION_START_MARGIN_DAYS);
    if (startsOn > latest) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, `An action begins by ${latest}, within the contract's current period or the three months after it: a later one is planned at a later renewal`, {
        startsOn,
        latestStart: latest,
      });
    }
  }

  /** No week of the plan above MAX_PLANNED_WEEKLY_HOURS once this action (new, or changed: `actionId`) is in it; cancelled actions do not count. */
  private async checkWeekHours(runner: SqlRunner, contractId: string, actionId: string | null, action: { weeklyHours: number; startsOn: string; endsOn: string }): Promise<void> {
    const others = (await actionsOf(runner, contractId)).filter((a) => a.id !== actionId && a.status !== 'cancelled');
    const heaviest = heaviestWeek([...others, action], mondayOf(action.startsOn), action.endsOn);
    if (heaviest.hours > MAX_PLANNED_WEEKLY_HOURS) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, `The plan would hold ${heaviest.hours} hours in the week of ${heaviest.monday}: ${MAX_PLANNED_WEEKLY_HOURS} at most (an action entered twice?)`, {
        weekOf: heaviest.monday,
        hours: heaviest.hours,
        max: MAX_PLANNED_WEEKLY_HOURS,
      });
    }
  }

  /** The first day of the orientation the contract belongs to. */
  private async orientationStartOf(runner: SqlRunner, contract: ContractRow): Promise<string> {
    const [period] = await runner.query<{ startsOn: string }>(`SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn" FROM orientation_period WHERE id = $1`, [contract.orientationPeriodId]);
    return period.startsOn;
  }

  private checkDates(from: string, to: string): void {
    if (to < from) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'The end comes on or after the start', { from, to });
    // A plan is drawn for months, not years: a typo of a year is caught here.
    if (to > addDays(from, 731)) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'An action or adjustment lasts two years at most', { from, to });
  }

  /** A structure of the organisation (checked to exist), or a provider's code, or neither; not both. */
  private async checkProvider(runner: SqlRunner, structureId: string | null, code: string | null): Promise<void> {
    if (structureId && code) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A provider is a structure or a code, not both');
    if (code && !PROVIDER_CODE.test(code)) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A provider code is upper-case letters, digits and dashes', { providerCode: code });
    if (structureId) {
      const [found] = await runner.query(`SELECT 1 FROM access_structure WHERE id = $1 AND active`, [structureId]);
      if (!found) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'No such active structure', { providerStructureId: structureId });
    }
  }
}

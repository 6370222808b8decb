import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type Actor, addDays, Clock, isOneOf, parisDateOf, parisInstant, Permission } from '@rsa/kernel';
import { actorRef } from '@rsa/access';
import type { PersonAccess } from '@rsa/beneficiary';
import { diffOf, inPgTransaction, sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import { EXIT_REASONS, type ExitReason } from '../domain/contract';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { Notices } from './notices';
import { territoryCoordinators } from './orientation-context';
import { OrientationPeriods } from './orientation-periods';
import { recordingHolderRefusal, requireAccompaniment } from './accompaniment-holders';
import { endLiveContract } from './contract-ending';
import { EMPLOYMENT_CONTRACT_TYPES, EMPLOYMENT_EXITS, EMPLOYMENT_MILESTONE_CODES, milestoneDueOn, WORKING_TIMES, type EmploymentMilestone } from './contract-rules';

export interface NewExit {
  reason: ExitReason;
  /** The day the path ends (the orientation period's end). */
  exitOn: string;
  contractType?: string | null;
  workingTime?: string | null;
}

export interface MilestoneRecord {
  inEmployment: boolean;
  contractType?: string | null;
  workingTime?: string | null;
}

export interface MilestoneView {
  milestone: EmploymentMilestone;
  dueOn: string;
  /** upcoming (not due yet), due (to record), recorded. */
  state: 'upcoming' | 'due' | 'recorded';
  inEmployment: boolean | null;
  contractType: string | null;
  workingTime: string | null;
  recordedAt: Date | null;
  recordedBy: string | null;
}

export interface ExitView {
  id: string;
  personId: string;
  orientationPeriodId: string;
  contractId: string | null;
  reason: ExitReason;
  exitOn: string;
  contractType: string | null;
  workingTime: string | null;
  createdAt: Date;
  createdBy: string;
  /** Follow-up in employment: for employment exits only (empty otherwise). */
  milestones: MilestoneView[];
}

type ExitRow = Omit<ExitView, 'milestones'>;

const EXIT_COLUMNS = `id, person_id AS "personId", orientation_period_id AS "orientationPeriodId", contract_id AS "contractId", reason,
  to_char(exit_on, 'YYYY-MM-DD') AS "exitOn", contract_type AS "contractType", working_time AS "workingTime", created_at AS "createdAt", created_by AS "createdBy"`;

/**
 * Exit from the path (sortie de parcours, DOMAIN.md §2.8) with a qualified reason: the orientation
 * period closes on the exit day and the live contract ends, in one transaction; employment exits
 * are then followed at 1, 3 and 6 months (still in employment or not).
 */
export class PathExits {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async exit(actor: Actor, personId: string, input: NewExit): Promise<ExitView> {
    const action = 'path.exit';
    await this.access.require(actor, Permission.ContractWrite, personId, action);
    if (!isOneOf(EXIT_REASONS, input.reason)) throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown exit reason: ${EXIT_REASONS.join(', ')}`);
    this.checkEmployment(input.contractType ?? null, input.workingTime ?? null);
    const now = this.clock.now();
    const today = parisDateOf(now);
    if (input.exitOn > today) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'An exit is recorded on its day or after, not before', { exitOn: input.exitOn, today });
    const id = randomUUID();
    await recordingHolderRefusal(this.audit, actor, { action, target: { type: 'person', id: personId }, personId }, () => inPgTransaction(this.pool, async (runner) => {
      const period = await OrientationPeriods.lockCurrent(runner, personId);
      if (!period) throw new OrientationError(OrientationErrorCode.NoCurrentOrientation, 'This person has no current orientation: nothing to exit from', { personId });
      // An exit ends the contract and the referent's portfolio: the accompaniment's holders record it.
      await requireAccompaniment(runner, actor, period);
      const endReason = `exit:${input.reason}`;
      // The referent records the follow-up of an exit in employment: their access lasts until the last one is due.
      const followed = EMPLOYMENT_EXITS.includes(input.reason);
      const lastFollowUp = EMPLOYMENT_MILESTONE_CODES.map((m) => milestoneDueOn(input.exitOn, m)).sort().at(-1) as string;
      await OrientationPeriods.close(runner, personId, input.exitOn, endReason, {
        by: actorRef(actor),
        access: followed ? parisInstant(addDays(lastFollowUp, 1), '00:00') : 'now',
      });
      const contract = await endLiveContract(runner, actor, now, { periodId: period.id, endedOn: input.exitOn, endReason, detail: { exitId: id } });
      // No orientation is left to change: a réorientation still asked for is closed, or it would block every later request.
      const closedRequests = await runner.query<{ id: string; requester_id: string | null }>(
        `UPDATE orientation_reorientation_request SET status = 'closed-by-exit', decided_at = $2, decided_by = $3, version = version + 1
          WHERE person_id = $1 AND status = 'pending' RETURNING id, requester_id`,
        [personId, now, actorRef(actor)],
      );
      if (closedRequests.length > 0) {
        const coordinators = await territoryCoordinators(runner, period.territoryId, today);
        await Notices.notify(
          runner,
          closedRequests.flatMap((r) =>
            [...new Set([period.referentId, r.requester_id, ...coordinators].filter((to): to is string => to !== null))].map((recipientId) => ({
              recipientId, kind: 'reorientation-decided' as const, personId, subject: { type: 'reorientation-request', id: r.id },
              detail: { status: 'closed-by-exit', exitId: id, reason: input.reason }, dedupeKey: `reorientation-decided:${r.id}`,
            })),
          ),
        );
      }
      // The referent learns of an exit someone else recorded (a colleague, a coordinator): the person left their portfolio.
      if (period.referentId !== null && !(actor.kind === 'user' && actor.professionalId === period.referentId)) {
        await Notices.notify(runner, [
          { recipientId: period.referentId, kind: 'path-exited', personId, subject: { type: 'path-exit', id }, detail: { reason: input.reason, exitOn: input.exitOn }, dedupeKey: `path-exited:${id}` },
        ]);
      }
      await runner.query(
        `INSERT INTO path_exit (id, person_id, orientation_period_id, contract_id, reason, exit_on, contract_type, working_time, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, personId, period.id, contract?.id ?? null, input.reason, input.exitOn, input.contractType ?? null, input.workingTime ?? null, now, actorRef(actor)],
      );
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'path-exit', id },
          subjectIds: [personId],
          reasonCode: input.reason,
          detail: { exitOn: input.exitOn, orientationPeriodId: period.id, contractId: contract?.id ?? null, closedRequests: closedRequests.map((r) => r.id) },
        },
        runner,
      );
    }));
    return this.view(id, today);
  }

  /** A person's exits, most recent first, with the follow-up in employment. */
  async forPerson(actor: Actor, personId: string): Promise<ExitView[]> {
    const action = 'path.exit.list';
    await this.access.require(actor, Permission.ContractRead, personId, action);
    const runner = sqlRunnerOf(this.pool);
    const rows = await runner.query<{ id: string }>(`SELECT id FROM path_exit WHERE person_id = $1 ORDER BY exit_on DESC, created_at DESC`, [personId]);
    const today = parisDateOf(this.clock.now());
    const exits: ExitView[] = [];
    for (const { id } of rows) exits.push(await this.view(id, today));
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], detail: { returned: exits.length } });
    return exits;
  }

  /** Still in employment or not, once the milestone is due; recording it again corrects it (audited with the change). */
  async recordMilestone(actor: Actor, exitId: string, milestone: string, input: MilestoneRecord): Promise<ExitView> {
    const action = 'path.exit.milestone';
    const exit = await this.row(exitId);
    await this.access.require(actor, Permission.ContractWrite, exit.personId, action);
    if (!isOneOf(EMPLOYMENT_MILESTONE_CODES, milestone)) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown milestone: ${EMPLOYMENT_MILESTONE_CODES.join(', ')}`, { milestone });
    }
    if (!EMPLOYMENT_EXITS.includes(exit.reason)) {
      throw new OrientationError(OrientationErrorCode.MilestoneNotApplicable, `Only employment exits are followed in employment (${EMPLOYMENT_EXITS.join(', ')})`, { reason: exit.reason });
    }
    this.checkEmployment(input.contractType ?? null, input.workingTime ?? null);
    if (!input.inEmployment && (input.contractType || input.workingTime)) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, 'A contract type and working time describe a job: not when out of employment');
    }
    const code = milestone as EmploymentMilestone;
    const dueOn = milestoneDueOn(exit.exitOn, code);
    const now = this.clock.now();
    const today = parisDateOf(now);
    if (today < dueOn) throw new OrientationError(OrientationErrorCode.MilestoneNotDue, `The ${code} follow-up is due on ${dueOn}`, { dueOn, today });
    await recordingHolderRefusal(this.audit, actor, { action, target: { type: 'path-exit', id: exitId }, personId: exit.personId }, () => inPgTransaction(this.pool, async (runner) => {
      // The follow-up is the accompaniment's that ended: its referent (whose access lasts until the last one), their structure, the coordinators.
      const [period] = await runner.query<{ personId: string; structureId: string | null; referentId: string | null }>(
        `SELECT person_id AS "personId", structure_id AS "structureId", referent_id AS "referentId" FROM orientation_period WHERE id = $1`,
        [exit.orientationPeriodId],
      );
      if (period) await requireAccompaniment(runner, actor, period);
      const [before] = await runner.query<{ inEmployment: boolean; contractType: string | null; workingTime: string | null }>(
        `SELECT in_employment AS "inEmployment", contract_type AS "contractType", working_time AS "workingTime" FROM path_exit_milestone WHERE exit_id = $1 AND milestone = $2 FOR UPDATE`,
        [exitId, code],
      );
      const after = { inEmployment: input.inEmployment, contractType: input.contractType ?? null, workingTime: input.workingTime ?? null };
      await runner.query(
        `INSERT INTO path_exit_milestone (exit_id, milestone, due_on, in_employment, contract_type, working_time, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (exit_id, milestone) DO UPDATE SET in_employment = EXCLUDED.in_employment, contract_type = EXCLUDED.contract_type, working_time = EXCLUDED.working_time,
           recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by`,
        [exitId, code, dueOn, after.inEmployment, after.contractType, after.workingTime, now, actorRef(actor)],
      );
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'path-exit', id: exitId },
          subjectIds: [exit.personId],
          detail: { milestone: code, dueOn, inEmployment: after.inEmployment, correction: before !== undefined },
          ...(before ? { diff: diffOf(before, after) } : {}),
        },
        runner,
      );
    }));
    return this.view(exitId, today);
  }

  private checkEmployment(contractType: string | null, workingTime: string | null): void {
    if (contractType !== null && !isOneOf(EMPLOYMENT_CONTRACT_TYPES, contractType)) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown contract type: ${EMPLOYMENT_CONTRACT_TYPES.join(', ')}`);
    }
    if (workingTime !== null && !isOneOf(WORKING_TIMES, workingTime)) throw new OrientationError(OrientationErrorCode.ContractInvalid, `Unknown working time: ${WORKING_TIMES.join(', ')}`);
  }

  private async row(exitId: string): Promise<ExitRow> {
    const { rows } = await this.pool.query<ExitRow>(`SELECT ${EXIT_COLUMNS} FROM path_exit WHERE id = $1`, [exitId]);
    if (!rows[0]) throw new OrientationError(OrientationErrorCode.ExitNotFound, 'No such exit', { exitId });
    return rows[0];
  }

  private async view(exitId: string, today: string): Promise<ExitView> {
    const exit = await this.row(exitId);
    if (!EMPLOYMENT_EXITS.includes(exit.reason)) return { ...exit, milestones: [] };
    const { rows } = await this.pool.query<{ milestone: string; inEmployment: boolean; contractType: string | null; workingTime: string | null; recordedAt: Date; recordedBy: string }>(
      `SELECT milestone, in_employment AS "inEmployment", contract_type AS "contractType", working_time AS "workingTime", recorded_at AS "recordedAt", recorded_by AS "recordedBy"
         FROM path_exit_milestone WHERE exit_id = $1`,
      [exitId],
    );
    const milestones = EMPLOYMENT_MILESTONE_CODES.map((milestone): MilestoneView => {
      const dueOn = milestoneDueOn(exit.exitOn, milestone);
      const recorded = rows.find((r) => r.milestone === milestone);
      return {
        milestone,
        dueOn,
        state: recorded ? 'recorded' : today >= dueOn ? 'due' : 'upcoming',
        inEmployment: recorded?.inEmployment ?? null,
        contractType: recorded?.contractType ?? null,
        workingTime: recorded?.workingTime ?? null,
        recordedAt: recorded?.recordedAt ?? null,
        recordedBy: recorded?.recordedBy ?? null,
      };
    });
    return { ...exit, milestones };
  }
}

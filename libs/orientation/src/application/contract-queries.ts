import type { Pool } from 'pg';
import { addDays, Clock, parisDateOf, Permission, type Actor } from '@rsa/kernel';
import type { PersonAccess } from '@rsa/beneficiary';
import { sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import { MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, type ActionCategory } from '../domain/contract';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { intensityByWeek, MAX_INTENSITY_WEEKS, mondayOf, type WeekIntensity } from './contract-rules';
import { actionsOf, adjustmentsOf, contractRow, contractView, periodsOf, type ContractView } from './contract-sql';

export interface IntensityReport {
  contractId: string;
  from: string;
  to: string;
  defaultFloor: number;
  weeks: WeekIntensity[];
  /** Weeks whose planned hours reach their floor, of all weeks reported (the "intensive accompaniment" share, DOMAIN.md §9). */
  weeksMet: number;
  /** The 20 hours a week the accompaniment plans at most (DOMAIN.md §7: 15 to 20 hours). */
  rangeCeiling: number;
  /** Weeks planned above that ceiling: a plan to look at again. */
  weeksAboveRange: number;
}

/** What the contract routes show; each read of a person's contract is checked and audited. */
export class ContractQueries {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** A person's contracts, most recent first, each whole (periods, actions, adjustments, bilans). */
  async forPerson(actor: Actor, personId: string): Promise<ContractView[]> {
    const action = 'contract.person.read';
    await this.access.require(actor, Permission.ContractRead, personId, action);
    const runner = sqlRunnerOf(this.pool);
    const ids = await runner.query<{ id: string }>(`SELECT id FROM contract WHERE person_id = $1 ORDER BY created_at DESC, id`, [personId]);
    const contracts: ContractView[] = [];
    for (const { id } of ids) contracts.push(await contractView(runner, id));
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId], detail: { returned: contracts.length } });
    return contracts;
  }

  async get(actor: Actor, contractId: string): Promise<ContractView> {
    const action = 'contract.read';
    const runner = sqlRunnerOf(this.pool);
    const { personId } = await contractRow(runner, contractId);
    await this.access.require(actor, Permission.ContractRead, personId, action);
    const view = await contractView(runner, contractId);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'contract', id: contractId }, subjectIds: [personId] });
    return view;
  }

  /**
   * Each week's planned hours, the floor that applies (15 h or an adjustment's) and whether it is
   * met, from `from` to `to` (by default the contract's current period, or the next four weeks for
   * a draft). At most MAX_INTENSITY_WEEKS weeks.
   */
  async intensity(actor: Actor, contractId: string, range: { from?: string; to?: string }): Promise<IntensityReport> {
    const action = 'contract.intensity.read';
    const runner = sqlRunnerOf(this.pool);
    const { personId } = await contractRow(runner, contractId);
    await this.access.require(actor, Permission.ContractRead, personId, action);
    const current = (await periodsOf(runner, contractId)).at(-1);
    const today = parisDateOf(this.clock.now());
    const from = mondayOf(range.from ?? current?.startsOn ?? today);
    const to = range.to ?? (range.from ? addDays(from, 27) : (current?.endsOn ?? addDays(from, 27)));
    if (to < from) throw new OrientationError(OrientationErrorCode.ContractInvalid, 'The end comes on or after the start', { from, to });
    if (to > addDays(from, MAX_INTENSITY_WEEKS * 7 - 1)) {
      throw new OrientationError(OrientationErrorCode.ContractInvalid, `At most ${MAX_INTENSITY_WEEKS} weeks at once`, { from, to });
    }
    const actions = (await actionsOf(runner, contractId)).map((a) => ({
      category: a.category as ActionCategory,
      weeklyHours: a.weeklyHours,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      provider: a.providerStructureId ?? a.providerCode,
      status: a.status,
    }));
    const weeks = intensityByWeek(actions, await adjustmentsOf(runner, contractId), from, to);
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'contract', id: contractId }, subjectIds: [personId], detail: { from, to } });
    return {
      contractId,
      from,
      to,
      defaultFloor: MIN_WEEKLY_HOURS,
      weeks,
      weeksMet: weeks.filter((w) => w.met).length,
      rangeCeiling: MAX_WEEKLY_HOURS,
      weeksAboveRange: weeks.filter((w) => w.aboveRange).length,
    };
  }
}

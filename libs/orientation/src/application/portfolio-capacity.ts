import type { Pool } from 'pg';
import { addDays, type Actor, type Clock, isOneOf, parisDateOf, Permission } from '@rsa/kernel';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { diffOf, inPgTransaction, sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import { DEFAULT_PORTFOLIO_CAPACITY, DOMINANTES } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { capacityProblems, type Capacity } from '../domain/portfolio';
import { DEFAULT_REVIEW_EVERY_MONTHS } from './portfolio-codes';
import type { PortfolioAccess } from './portfolio-access';
import {
  absentOn, coveringOf, effectiveCapacity, homeTerritory, isActiveReferent, loadsOf, referentSettings, territorySettings, totalOf,
} from './portfolio-directory';
import { requireTerritoryExists } from './orientation-context';

export interface TerritoryCapacityInput {
  emploi: number;
  equilibre: number;
  remobilisation: number;
  reviewEveryMonths?: number;
}

export interface ReferentSettingInput {
  /** The referent's own capacity per dominante; a dominante left out takes the territory's. Null or absent: none of their own. */
  capacity?: Partial<Capacity> | null;
  /** An absence, both days inclusive (no new people suggested meanwhile); null to clear. */
  absentFrom?: string | null;
  absentTo?: string | null;
}

/**
 * Portfolio capacity: a territory's per dominante (DEFAULT_PORTFOLIO_CAPACITY 60/70/60 unless it
 * sets its own, e.g. 50 for all) and how often its portfolios are reviewed; a referent's own
 * capacity and absence. Figures only (no person), so reads are not audited; changes are.
 */
/** The longest absence a referent's availability holds. */
const MAX_ABSENCE_DAYS = 366;

export class PortfolioCapacity {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly access: PortfolioAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async territory(actor: Actor, territoryId: string) {
    await this.policy.requireTerritory(actor, Permission.PortfolioRead, territoryId, { action: 'portfolio.capacity.read', target: { type: 'territory', id: territoryId } });
    const runner = sqlRunnerOf(this.pool);
    await requireTerritoryExists(runner, territoryId);
    return (await territorySettings(runner, [territoryId])).get(territoryId);
  }

  async setTerritory(actor: Actor, territoryId: string, input: TerritoryCapacityInput) {
    const action = 'portfolio.capacity.territory';
    await this.policy.requireTerritory(actor, Permission.PortfolioManage, territoryId, { action, target: { type: 'territory', id: territoryId } });
    const capacity: Capacity = { emploi: input.emploi, equilibre: input.equilibre, remobilisation: input.remobilisation };
    const problems = capacityProblems(capacity);
    const reviewEveryMonths = input.reviewEveryMonths ?? DEFAULT_REVIEW_EVERY_MONTHS;
    if (!Number.isInteger(reviewEveryMonths) || reviewEveryMonths < 1 || reviewEveryMonths > 12) problems.push('reviewEveryMonths: a whole number of months, 1 to 12');
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.InvalidCapacity, 'This capacity is not valid', { problems });
    await inPgTransaction(this.pool, async (runner) => {
      await requireTerritoryExists(runner, territoryId);
      const before = (await territorySettings(runner, [territoryId])).get(territoryId);
      await runner.query(
        `INSERT INTO portfolio_territory_setting (territory_id, capacity_emploi, capacity_equilibre, capacity_remobilisation, review_every_months, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (territory_id) DO UPDATE SET capacity_emploi = $2, capacity_equilibre = $3, capacity_remobilisation = $4, review_every_months = $5, updated_at = $6, updated_by = $7`,
        [territoryId, capacity.emploi, capacity.equilibre, capacity.remobilisation, reviewEveryMonths, this.clock.now(), actorRef(actor)],
      );
      await this.audit.record(
        {
          actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId },
          detail: { capacity, reviewEveryMonths },
          diff: diffOf({ capacity: before?.capacity, reviewEveryMonths: before?.reviewEveryMonths }, { capacity, reviewEveryMonths }),
        },
        runner,
      );
    });
    return this.territory(actor, territoryId);
  }

  /** A referent's habilitations, capacity (own and effective), absence and load now. */
  async referent(actor: Actor, referentId: string) {
    const record = await this.access.referent(actor, referentId, 'figures', 'portfolio.referent.read');
    const runner = sqlRunnerOf(this.pool);
    const today = parisDateOf(this.clock.now());
    const home = homeTerritory(record);
    const territory = home ? (await territorySettings(runner, [home])).get(home) : undefined;
    const setting = (await referentSettings(runner, [referentId])).get(referentId);
    const load = (await loadsOf(runner, [referentId])).get(referentId) ?? { emploi: 0, equilibre: 0, remobilisation: 0 };
    const covering = (await coveringOf(runner, [referentId], today)).get(referentId) ?? { emploi: 0, equilibre: 0, remobilisation: 0 };
    const capacity = effectiveCapacity(territory?.capacity ?? { ...DEFAULT_PORTFOLIO_CAPACITY }, setting);
    return {
      professionalId: record.professionalId,
      displayName: record.displayName,
      active: isActiveReferent(record),
      habilitations: record.habilitations,
      territoryId: home,
      territoryCapacity: territory ? { capacity: territory.capacity, source: territory.source } : null,
      capacityOverride: setting?.override ?? {},
      capacity,
      load,
      total: totalOf(load),
      covering,
      room: Object.fromEntries(DOMINANTES.map((d) => [d, capacity[d] - load[d]])),
      overCapacity: DOMINANTES.filter((d) => load[d] > capacity[d]),
      availability: { absentFrom: setting?.absentFrom ?? null, absentTo: setting?.absentTo ?? null, availableToday: !absentOn(setting, today) },
    };
  }

  async setReferent(actor: Actor, referentId: string, input: ReferentSettingInput) {
    const action = 'portfolio.referent.settings';
    const record = await this.access.referent(actor, referentId, 'manage', action);
    const override = input.capacity ?? {};
    const problems: string[] = [];
    for (const d of Object.keys(override)) if (!isOneOf(DOMINANTES, d)) problems.push(`${d}: not a dominante`);
    const runner = sqlRunnerOf(this.pool);
    const home = homeTerritory(record);
    const territory = home ? (await territorySettings(runner, [home])).get(home) : undefined;
    problems.push(...capacityProblems(effectiveCapacity(territory?.capacity ?? { ...DEFAULT_PORTFOLIO_CAPACITY }, { override, absentFrom: null, absentTo: null })));
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.InvalidCapacity, 'This capacity is not valid', { problems });
    const absentFrom = input.absentFrom ?? null;
    const absentTo = input.absentTo ?? null;
    if ((absentFrom === null) !== (absentTo === null) || (absentFrom !== null && absentTo !== null && absentTo < absentFrom)) {
      throw new OrientationError(OrientationErrorCode.InvalidAvailability, 'An absence has a first and a last day, the last on or after the first', { absentFrom, absentTo });
    }
    // An absence is leave or sickness, a year at most: a referent gone for longer leaves the
    // structure (their habilitation ends, their people are transferred), and 1900-2199 is a slip.
    if (absentFrom !== null && absentTo !== null && absentTo > addDays(absentFrom, MAX_ABSENCE_DAYS - 1)) {
      throw new OrientationError(OrientationErrorCode.InvalidAvailability, `An absence lasts ${MAX_ABSENCE_DAYS} days at most`, { absentFrom, absentTo });
    }
    await inPgTransaction(this.pool, async (tx) => {
      const before = (await referentSettings(tx, [referentId])).get(referentId);
      await tx.query(
        `INSERT INTO portfolio_referent_setting (professional_id, capacity_emploi, capacity_equilibre, capacity_remobilisation, absent_from, absent_to, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (professional_id) DO UPDATE SET capacity_emploi = $2, capacity_equilibre = $3, capacity_remobilisation = $4, absent_from = $5, absent_to = $6, updated_at = $7, updated_by = $8`,
        [referentId, override.emploi ?? null, override.equilibre ?? null, override.remobilisation ?? null, absentFrom, absentTo, this.clock.now(), actorRef(actor)],
      );
      await this.audit.record(
        {
          actor, action, outcome: 'allowed', target: { type: 'referent', id: referentId },
          detail: { capacityOverride: override, absentFrom, absentTo },
          diff: diffOf({ capacityOverride: before?.override, absentFrom: before?.absentFrom, absentTo: before?.absentTo }, { capacityOverride: override, absentFrom, absentTo }),
        },
        tx,
      );
    });
    return this.referent(actor, referentId);
  }
}

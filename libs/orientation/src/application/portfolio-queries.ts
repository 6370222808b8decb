import type { Pool } from 'pg';
import { AccessDeniedError, AccessErrorCode, addDays, parisDateOf, Permission, type Actor, type Clock } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import { DEFAULT_PORTFOLIO_CAPACITY, DOMINANTES, type Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import type { Capacity } from '../domain/portfolio';
import { DEFAULT_TREND_WEEKS, MAX_TREND_WEEKS } from './portfolio-codes';
import type { PortfolioAccess } from './portfolio-access';
import {
  coveringOf, effectiveCapacity, homeTerritory, loadsOf, referentRecords, referentSettings, sumLoads, territorySettings, totalOf, zeroLoad, type Load, type ReferentRecord,
} from './portfolio-directory';
import { requireTerritoryExists } from './orientation-context';
import { FIRST_APPOINTMENT_COLUMNS, firstAppointmentState, type FirstAppointmentView } from './portfolio-first-appointments';

const percent = (load: number, capacity: number) => (capacity > 0 ? Math.round((load / capacity) * 1000) / 10 : null);

/** Load against capacity, per dominante and overall. */
function usage(load: Load, capacity: Capacity) {
  return {
    load,
    total: totalOf(load),
    capacity,
    capacityTotal: totalOf(capacity),
    use: Object.fromEntries(DOMINANTES.map((d) => [d, percent(load[d], capacity[d])])) as Record<Dominante, number | null>,
    useTotal: percent(totalOf(load), totalOf(capacity)),
    overCapacity: DOMINANTES.filter((d) => load[d] > capacity[d]),
  };
}

/**
 * Reads of portfolios: a referent's own people (dominante, start, first appointment, over
 * capacity, stand-ins), a referent's people for the coordinators, and the load of a territory per
 * referent, structure and territory with capacity, use, over-capacity alerts and the trend over
 * the last weeks. The trend is derived from the assignment history and the periods' dates (who
 * was in whose portfolio on each day), not from snapshots. Lists of people are audited with their
 * ids; the load view has none (project teams see aggregates only).
 */
export class PortfolioQueries {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly access: PortfolioAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async mine(actor: Actor) {
    const action = 'portfolio.mine';
    await this.policy.require(actor, Permission.PortfolioRead, { action });
    if (actor.kind !== 'user' || !this.access.isOwn(actor, actor.professionalId)) {
      return this.policy.refuse(actor, { action }, new AccessDeniedError(AccessErrorCode.Forbidden, 'Only a referent has a portfolio of their own'));
    }
    const [record] = await referentRecords(sqlRunnerOf(this.pool), { ids: [actor.professionalId] }, parisDateOf(this.clock.now()));
    return this.portfolio(actor, record, null, action);
  }

  async peopleOf(actor: Actor, referentId: string) {
    const action = 'portfolio.people';
    const record = await this.access.referent(actor, referentId, 'people', action);
    return this.portfolio(actor, record, this.access.territoriesOf(actor, referentId), action);
  }

  private async portfolio(actor: Actor, record: ReferentRecord | undefined, territoryIds: readonly string[] | null, action: string) {
    if (!record) throw new OrientationError(OrientationErrorCode.ReferentNotFound, 'No referent with this id');
    const referentId = record.professionalId;
    const runner = sqlRunnerOf(this.pool);
    const now = this.clock.now();
    const today = parisDateOf(now);
    const home = homeTerritory(record);
    const territoryCapacity = home ? ((await territorySettings(runner, [home])).get(home)?.capacity as Capacity) : { ...DEFAULT_PORTFOLIO_CAPACITY };
    const capacity = effectiveCapacity(territoryCapacity, (await referentSettings(runner, [referentId])).get(referentId));
    const load = (await loadsOf(runner, [referentId])).get(referentId) as Load;
    const people = await runner.query<{
      personId: string; periodId: string; dominante: Dominante; territoryId: string; structureId: string | null; startsOn: string; assignedOn: string | null;
      overCapacity: boolean | null; overCapacityReason: string | null; appointment: FirstAppointmentView | null;
      standIn: { referentId: string; until: string; transferId: string } | null;
    }>(
      `SELECT p.person_id AS "personId", p.id AS "periodId", p.dominante, p.territory_id AS "territoryId", p.structure_id AS "structureId",
              to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.from_day, 'YYYY-MM-DD') AS "assignedOn",
              a.over_capacity AS "overCapacity", a.over_capacity_reason AS "overCapacityReason",
              (SELECT row_to_json(f) FROM (SELECT ${FIRST_APPOINTMENT_COLUMNS} FROM portfolio_first_appointment fa WHERE fa.period_id = p.id
                  ORDER BY (fa.status IN ('planned', 'honoured')) DESC, fa.created_at DESC LIMIT 1) f) AS appointment,
              (SELECT json_build_object('referentId', t.to_referent_id, 'until', to_char(t.ends_on, 'YYYY-MM-DD'), 'transferId', t.id)
                 FROM portfolio_transfer t JOIN portfolio_transfer_item i ON i.transfer_id = t.id
                WHERE i.period_id = p.id AND t.kind = 'temporary' AND t.from_referent_id = p.referent_id AND t.starts_on <= $3::date AND t.ends_on > $3::date
                ORDER BY t.created_at DESC LIMIT 1) AS "standIn"
         FROM orientation_period p LEFT JOIN portfolio_assignment a ON a.period_id = p.id AND a.to_day IS NULL
        WHERE p.ends_on IS NULL AND p.referent_id = $1 AND ($2::varchar[] IS NULL OR p.territory_id = ANY($2::varchar[]))
        ORDER BY p.starts_on, p.person_id`,
      [referentId, territoryIds ? [...territoryIds] : null, today],
    );
    const covering = await runner.query<{ personId: string; periodId: string; dominante: Dominante; referentId: string; returnsOn: string; transferId: string }>(
      `SELECT DISTINCT ON (i.person_id) i.person_id AS "personId", p.id AS "periodId", p.dominante, p.referent_id AS "referentId",
              to_char(t.ends_on, 'YYYY-MM-DD') AS "returnsOn", t.id AS "transferId"
         FROM portfolio_transfer t JOIN portfolio_transfer_item i ON i.transfer_id = t.id
         JOIN orientation_period p ON p.id = i.period_id AND p.ends_on IS NULL
        WHERE t.kind = 'temporary' AND t.to_referent_id = $1 AND t.starts_on <= $3::date AND t.ends_on > $3::date
          AND ($2::varchar[] IS NULL OR p.territory_id = ANY($2::varchar[]))
        ORDER BY i.person_id, t.created_at DESC`,
      [referentId, territoryIds ? [...territoryIds] : null, today],
    );
    const items = people.map((p) => ({
      personId: p.personId, periodId: p.periodId, dominante: p.dominante, territoryId: p.territoryId, structureId: p.structureId, startsOn: p.startsOn, assignedOn: p.assignedOn,
      overCapacity: p.overCapacity === true, overCapacityReason: p.overCapacityReason,
      firstAppointment: p.appointment ? { ...p.appointment, ...firstAppointmentState(p.appointment, p.appointment.deadline, now) } : null,
      standIn: p.standIn,
    }));
    const subjectIds = [...items.map((i) => i.personId), ...covering.map((c) => c.personId)];
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'referent', id: referentId }, subjectIds, detail: { people: items.length, covering: covering.length } });
    return { referentId, displayName: record.displayName, on: today, ...usage(load, capacity), people: items, covering };
  }

  /**
   * The load of a territory: per referent working there (their whole portfolio against their
   * capacity; stand-in cover shown beside it), per structure and for the territory (sums), the
   * over-capacity alerts with the reasons given, the people of the territory still without a
   * referent, and the trend at each of the last `weeks` weeks (today, a week ago…).
   */
  async load(actor: Actor, territoryId: string, weeks = DEFAULT_TREND_WEEKS) {
    await this.policy.requireTerritory(actor, Permission.PortfolioRead, territoryId, { action: 'portfolio.load', target: { type: 'territory', id: territoryId } });
    const runner = sqlRunnerOf(this.pool);
    await requireTerritoryExists(runner, territoryId);
    const n = Math.min(Math.max(Math.trunc(weeks), 1), MAX_TREND_WEEKS);
    const today = parisDateOf(this.clock.now());
    const [records, withPeople] = await Promise.all([
      referentRecords(runner, { territoryId }, today),
      runner.query<{ referent_id: string }>(`SELECT DISTINCT referent_id FROM orientation_period WHERE ends_on IS NULL AND territory_id = $1 AND referent_id IS NOT NULL`, [territoryId]),
    ]);
    const loaded = new Set(withPeople.map((r) => r.referent_id));
    // Referents of the territory's structures, and Département-wide ones only when they hold people of the territory.
    const listed = records.filter((r) => r.habilitations.some((h) => h.territoryId === territoryId && h.active) || loaded.has(r.professionalId));
    const ids = listed.map((r) => r.professionalId);
    const [settings, loads, covering, territory] = await Promise.all([referentSettings(runner, ids), loadsOf(runner, ids), coveringOf(runner, ids, today), territorySettings(runner, [territoryId])]);
    const territoryCapacity = territory.get(territoryId)?.capacity as Capacity;
    const coveredBy = await runner.query<{ referent_id: string; n: number }>(
      `SELECT t.from_referent_id AS referent_id, count(DISTINCT i.person_id)::int AS n FROM portfolio_transfer t JOIN portfolio_transfer_item i ON i.transfer_id = t.id
         JOIN orientation_period p ON p.id = i.period_id AND p.ends_on IS NULL AND p.referent_id = t.from_referent_id
        WHERE t.kind = 'temporary' AND t.starts_on <= $2::date AND t.ends_on > $2::date AND t.from_referent_id = ANY($1::uuid[]) GROUP BY t.from_referent_id`,
      [ids, today],
    );
    const coveredCount = new Map(coveredBy.map((r) => [r.referent_id, r.n]));
    const overReasons = await runner.query<{ referent_id: string; dominante: Dominante; reason: string; n: number }>(
      `SELECT a.referent_id, a.dominante, a.over_capacity_reason AS reason, count(*)::int AS n FROM portfolio_assignment a
         JOIN orientation_period p ON p.id = a.period_id AND p.ends_on IS NULL AND p.referent_id = a.referent_id
        WHERE a.to_day IS NULL AND a.over_capacity AND a.referent_id = ANY($1::uuid[]) GROUP BY 1, 2, 3`,
      [ids],
    );
    const trendRows = await runner.query<{ on: string; referent_id: string; dominante: Dominante; n: number }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS on, a.referent_id, p.dominante, count(*)::int AS n
         FROM (SELECT ($2::date - 7 * k)::date AS day FROM generate_series(0, $3::int - 1) k) d
         JOIN portfolio_assignment a ON a.from_day <= d.day AND (a.to_day IS NULL OR a.to_day > d.day)
         JOIN orientation_period p ON p.id = a.period_id AND p.starts_on <= d.day AND (p.ends_on IS NULL OR p.ends_on > d.day)
        WHERE a.referent_id = ANY($1::uuid[])
        GROUP BY 1, 2, 3`,
      [ids, today, n],
    );
    const days = Array.from({ length: n }, (_, k) => addDays(today, -7 * (n - 1 - k)));
    const trendOf = (referentIds: readonly string[]) =>
      days.map((on) => {
        const load = zeroLoad();
        for (const r of trendRows) if (r.on === on && referentIds.includes(r.referent_id)) load[r.dominante] += r.n;
        return { on, load, total: totalOf(load) };
      });

    const referents = listed.map((r) => {
      const capacity = effectiveCapacity(territoryCapacity, settings.get(r.professionalId));
      const load = loads.get(r.professionalId) as Load;
      const active = r.habilitations.filter((h) => h.active);
      const main = active.find((h) => h.territoryId === territoryId) ?? active[0] ?? r.habilitations[0];
      return {
        professionalId: r.professionalId, displayName: r.displayName, structureId: main.structureId, structureName: main.structureName, structureKind: main.structureKind,
        active: active.length > 0, ...usage(load, capacity),
        covering: covering.get(r.professionalId) as Load, coveredByStandIn: coveredCount.get(r.professionalId) ?? 0,
        trend: trendOf([r.professionalId]),
      };
    });
    const structures = [...new Map(referents.map((r) => [r.structureId, r])).values()].map((s) => {
      const members = referents.filter((r) => r.structureId === s.structureId);
      const load = members.reduce((acc, r) => sumLoads(acc, r.load), zeroLoad());
      const capacity = members.reduce((acc, r) => sumLoads(acc, r.capacity), zeroLoad());
      return { structureId: s.structureId, structureName: s.structureName, structureKind: s.structureKind, referents: members.length, ...usage(load, capacity), trend: trendOf(members.map((m) => m.professionalId)) };
    });
    const [unassigned] = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM orientation_period WHERE ends_on IS NULL AND territory_id = $1 AND referent_id IS NULL`, [territoryId]);
    const totalLoad = referents.reduce((acc, r) => sumLoads(acc, r.load), zeroLoad());
    const totalCapacity = referents.reduce((acc, r) => sumLoads(acc, r.capacity), zeroLoad());
    const alerts = referents.flatMap((r) =>
      r.overCapacity.map((d) => ({
        kind: 'over-capacity', professionalId: r.professionalId, structureId: r.structureId, dominante: d, load: r.load[d], capacity: r.capacity[d], over: r.load[d] - r.capacity[d],
        reasons: overReasons.filter((o) => o.referent_id === r.professionalId && o.dominante === d).map((o) => ({ reasonCode: o.reason, people: o.n })),
      })),
    );
    return {
      territoryId,
      on: today,
      capacitySource: territory.get(territoryId)?.source,
      territory: { referents: referents.length, ...usage(totalLoad, totalCapacity), averagePortfolio: referents.length ? Math.round((totalOf(totalLoad) / referents.length) * 10) / 10 : null, unassigned: unassigned.n, trend: trendOf(ids) },
      structures,
      referents,
      alerts,
    };
  }
}

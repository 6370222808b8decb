import { Role } from '@rsa/kernel';
import type { StructureKind } from '@rsa/access';
import { ADVISORY_LOCKS, lockFor, type SqlRunner } from '@rsa/platform';
import { DEFAULT_PORTFOLIO_CAPACITY, DOMINANTES, type Dominante } from '../domain/dominante';
import type { Capacity } from '../domain/portfolio';
import { DEFAULT_REVIEW_EVERY_MONTHS, REFERENT_ROLES } from './portfolio-codes';

/**
 * What the portfolio services read about referents, in plain SQL: their habilitations (the
 * access context's tables, read across contexts as the architecture allows), their capacity
 * (territory and own settings), their absence, their load (open orientation periods: the single
 * source of truth). Functions over the caller's runner, so a command reads them in its transaction.
 */

export interface ReferentHabilitation {
  habilitationId: string;
  role: Role;
  structureId: string;
  structureKind: StructureKind;
  structureName: string;
  /** The habilitation's territory, else its structure's; null: the whole Département. */
  territoryId: string | null;
  /** Valid today and not revoked (its structure active). */
  active: boolean;
}

export interface ReferentRecord {
  professionalId: string;
  displayName: string;
  habilitations: ReferentHabilitation[];
}

export type Load = Record<Dominante, number>;

export const zeroLoad = (): Load => ({ emploi: 0, equilibre: 0, remobilisation: 0 });
export const totalOf = (load: Record<Dominante, number>): number => DOMINANTES.reduce((n, d) => n + load[d], 0);
export const sumLoads = (a: Load, b: Load): Load => ({ emploi: a.emploi + b.emploi, equilibre: a.equilibre + b.equilibre, remobilisation: a.remobilisation + b.remobilisation });

/** Referent habilitations (active or not) of these professionals, or of every professional working in a territory. */
export async function referentRecords(runner: SqlRunner, filter: { ids?: readonly string[]; territoryId?: string }, today: string): Promise<ReferentRecord[]> {
  const rows = await runner.query<{
    professional_id: string; display_name: string; habilitation_id: string; role: Role; structure_id: string; structure_kind: StructureKind;
    structure_name: string; territory_id: string | null; active: boolean;
  }>(
    `SELECT h.professional_id, p.display_name, h.id AS habilitation_id, h.role, h.structure_id, s.kind AS structure_kind, s.name AS structure_name,
            COALESCE(h.territory_id, s.territory_id) AS territory_id,
            (h.revoked_at IS NULL AND h.valid_from <= $1::date AND (h.valid_to IS NULL OR h.valid_to >= $1::date) AND s.active) AS active
       FROM access_habilitation h JOIN access_professional p ON p.id = h.professional_id JOIN access_structure s ON s.id = h.structure_id
      WHERE h.role = ANY($2::varchar[])
        AND ($3::uuid[] IS NULL OR h.professional_id = ANY($3::uuid[]))
        AND ($4::varchar IS NULL OR COALESCE(h.territory_id, s.territory_id) = $4 OR COALESCE(h.territory_id, s.territory_id) IS NULL)
      ORDER BY h.professional_id, h.valid_from, h.id`,
    [today, [...REFERENT_ROLES], filter.ids ? [...filter.ids] : null, filter.territoryId ?? null],
  );
  const byId = new Map<string, ReferentRecord>();
  for (const r of rows) {
    const record = byId.get(r.professional_id) ?? { professionalId: r.professional_id, displayName: r.display_name, habilitations: [] };
    record.habilitations.push({
      habilitationId: r.habilitation_id, role: r.role, structureId: r.structure_id, structureKind: r.structure_kind, structureName: r.structure_name,
      territoryId: r.territory_id, active: r.active,
    });
    byId.set(r.professional_id, record);
  }
  return [...byId.values()];
}

/** Works in the territory: one of its habilitations (active ones only, if asked) covers it, or covers the whole Département. */
export function worksIn(record: ReferentRecord, territoryIds: readonly string[], activeOnly = false): boolean {
  return record.habilitations.some((h) => (!activeOnly || h.active) && (h.territoryId === null || territoryIds.includes(h.territoryId)));
}

export function isActiveReferent(record: ReferentRecord): boolean {
  return record.habilitations.some((h) => h.active);
}

/** The territory whose capacity applies to the referent when no person's territory says otherwise. */
export function homeTerritory(record: ReferentRecord): string | null {
  const active = record.habilitations.filter((h) => h.active);
  return (active.find((h) => h.territoryId) ?? record.habilitations.find((h) => h.territoryId))?.territoryId ?? null;
}

export interface TerritorySettings {
  territoryId: string;
  capacity: Capacity;
  /** `default`: DEFAULT_PORTFOLIO_CAPACITY (60/70/60, DOMAIN.md §6); `territory`: the territory's own. */
  source: 'default' | 'territory';
  reviewEveryMonths: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function territorySettings(runner: SqlRunner, territoryIds: readonly string[]): Promise<Map<string, TerritorySettings>> {
  const rows = await runner.query<{ territory_id: string; capacity_emploi: number; capacity_equilibre: number; capacity_remobilisation: number; review_every_months: number; updated_at: Date; updated_by: string }>(
    `SELECT * FROM portfolio_territory_setting WHERE territory_id = ANY($1::varchar[])`,
    [[...territoryIds]],
  );
  const found = new Map(rows.map((r) => [r.territory_id, r]));
  return new Map(
    territoryIds.map((id) => {
      const r = found.get(id);
      return [
        id,
        r
          ? {
              territoryId: id, capacity: { emploi: r.capacity_emploi, equilibre: r.capacity_equilibre, remobilisation: r.capacity_remobilisation }, source: 'territory' as const,
              reviewEveryMonths: r.review_every_months, updatedAt: r.updated_at, updatedBy: r.updated_by,
            }
          : { territoryId: id, capacity: { ...DEFAULT_PORTFOLIO_CAPACITY }, source: 'default' as const, reviewEveryMonths: DEFAULT_REVIEW_EVERY_MONTHS, updatedAt: null, updatedBy: null },
      ];
    }),
  );
}

export interface ReferentSetting {
  /** The referent's own capacity per dominante; a missing dominante takes the territory's. */
  override: Partial<Capacity>;
  absentFrom: string | null;
  absentTo: string | null;
}

export async function referentSettings(runner: SqlRunner, ids: readonly string[]): Promise<Map<string, ReferentSetting>> {
  const rows = await runner.query<{ professional_id: string; capacity_emploi: number | null; capacity_equilibre: number | null; capacity_remobilisation: number | null; absent_from: string | null; absent_to: string | null }>(
    `SELECT professional_id, capacity_emploi, capacity_equilibre, capacity_remobilisation,
            to_char(absent_from, 'YYYY-MM-DD') AS absent_from, to_char(absent_to, 'YYYY-MM-DD') AS absent_to
       FROM portfolio_referent_setting WHERE professional_id = ANY($1::uuid[])`,
    [[...ids]],
  );
  const found = new Map(rows.map((r) => [r.professional_id, r]));
  return new Map(
    ids.map((id) => {
      const r = found.get(id);
      const override: Partial<Capacity> = {};
      if (r?.capacity_emploi != null) override.emploi = r.capacity_emploi;
      if (r?.capacity_equilibre != null) override.equilibre = r.capacity_equilibre;
      if (r?.capacity_remobilisation != null) override.remobilisation = r.capacity_remobilisation;
      return [id, { override, absentFrom: r?.absent_from ?? null, absentTo: r?.absent_to ?? null }];
    }),
  );
}

export function effectiveCapacity(territory: Capacity, setting: ReferentSetting | undefined): Capacity {
  return { emploi: setting?.override.emploi ?? territory.emploi, equilibre: setting?.override.equilibre ?? territory.equilibre, remobilisation: setting?.override.remobilisation ?? territory.remobilisation };
}

export function absentOn(setting: ReferentSetting | undefined, day: string): boolean {
  return !!setting?.absentFrom && !!setting.absentTo && setting.absentFrom <= day && day <= setting.absentTo;
}

/** People in each referent's portfolio now (open periods), by dominante. */
export async function loadsOf(runner: SqlRunner, ids: readonly string[]): Promise<Map<string, Load>> {
  const rows = await runner.query<{ referent_id: string; dominante: Dominante; n: number }>(
    `SELECT referent_id, dominante, count(*)::int AS n FROM orientation_period WHERE ends_on IS NULL AND referent_id = ANY($1::uuid[]) GROUP BY referent_id, dominante`,
    [[...ids]],
  );
  const loads = new Map(ids.map((id) => [id, zeroLoad()]));
  for (const r of rows) (loads.get(r.referent_id) as Load)[r.dominante] = r.n;
  return loads;
}

/** People each referent covers today as a temporary stand-in (their periods still open), by dominante. */
export async function coveringOf(runner: SqlRunner, ids: readonly string[], today: string): Promise<Map<string, Load>> {
  const rows = await runner.query<{ referent_id: string; dominante: Dominante; n: number }>(
    `SELECT t.to_referent_id AS referent_id, p.dominante, count(DISTINCT i.person_id)::int AS n
       FROM portfolio_transfer t JOIN portfolio_transfer_item i ON i.transfer_id = t.id
       JOIN orientation_period p ON p.id = i.period_id AND p.ends_on IS NULL
      WHERE t.kind = 'temporary' AND t.starts_on <= $2::date AND t.ends_on > $2::date AND t.to_referent_id = ANY($1::uuid[])
      GROUP BY t.to_referent_id, p.dominante`,
    [[...ids], today],
  );
  const covering = new Map(ids.map((id) => [id, zeroLoad()]));
  for (const r of rows) (covering.get(r.referent_id) as Load)[r.dominante] = r.n;
  return covering;
}

/**
 * What counts against each referent's capacity today: the people they hold and those they cover
 * for an absent colleague. An assignment and a transfer to them both check it.
 */
export async function capacityLoadsOf(runner: SqlRunner, ids: readonly string[], today: string): Promise<Map<string, Load>> {
  // One after the other: in a command the runner is the transaction's one connection.
  const held = await loadsOf(runner, ids);
  const covering = await coveringOf(runner, ids, today);
  return new Map(ids.map((id) => [id, sumLoads(held.get(id) as Load, covering.get(id) as Load)]));
}

/** Serialises the commands that change one referent's portfolio (capacity checks then writes), for the transaction. */
export async function lockReferents(runner: SqlRunner, ids: readonly string[]): Promise<void> {
  for (const id of [...new Set(ids)].sort()) await lockFor(runner, ADVISORY_LOCKS.portfolioReferents, id);
}

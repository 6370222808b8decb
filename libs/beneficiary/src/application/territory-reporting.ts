import { createHmac } from 'node:crypto';
import type { Pool } from 'pg';
import { parisDateOf, Permission, type Actor } from '@rsa/kernel';
import { communeInTerritoriesSql, type AccessPolicy } from '@rsa/access';
import { SqlParams, type AuditTrail } from '@rsa/platform';
import { BeneficiaryError, BeneficiaryErrorCode } from '../domain/beneficiary-errors';

/** Five-year bands: enough for a project team's analysis, too coarse to single anyone out. */
function ageBand(birthYear: number | null, year: number): string | null {
  if (birthYear === null) return null;
  const age = year - birthYear;
  if (age < 25) return '<25';
  if (age >= 60) return '60+';
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

/**
 * What territorial project teams see (and coordinators): aggregates of their territory, and
 * pseudonymised lists — a stable pseudonym (HMAC of the person id under PSEUDONYM_KEY), an age
 * band, sex, commune, path dates — with no name, birth date, NIR, address or CAF identifier.
 */
export class TerritoryReporting {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly pseudonymKey: Buffer,
  ) {}

  async summary(actor: Actor, territoryId: string, today: string = parisDateOf()) {
    const action = 'reporting.territory.summary';
    await this.gate(actor, Permission.ReportingRead, territoryId, action);
    const params = new SqlParams();
    const inTerritory = communeInTerritoriesSql([territoryId], 'd.commune_insee', params);
    const day = params.add(today);
    const { rows } = await this.pool.query(
      `WITH current AS (
         SELECT DISTINCT ON (m.person_id) m.person_id, d.commune_insee, m.role_rsa, m.toppersdrodevorsa, d.etatdosrsa
           FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
          WHERE m.detached_at IS NULL AND ${inTerritory}
          ORDER BY m.person_id, d.updated_at DESC)
       SELECT c.commune_insee AS "communeInsee",
              count(*) FILTER (WHERE c.role_rsa IN ('DEM', 'CJT'))::int AS adults,
              count(*) FILTER (WHERE c.role_rsa IN ('DEM', 'CJT') AND c.toppersdrodevorsa AND c.etatdosrsa IN ('2', '3', '4'))::int AS "subjectToRightsAndDuties",
              count(p.id) FILTER (WHERE p.status = 'open')::int AS "openPaths",
              count(p.id) FILTER (WHERE p.status = 'open' AND p.origin = 'flux')::int AS "openPathsFlux",
              count(p.id) FILTER (WHERE p.status = 'open' AND p.origin = 'stock')::int AS "openPathsStock",
              -- The 15-day rule is the flux's: the stock is convened at its reprise campaigns' pace (DOMAIN.md §8).
              count(p.id) FILTER (WHERE p.status = 'open' AND p.origin = 'flux' AND p.convocation_deadline < ${day}::date)::int AS "convocationOverdue",
              count(p.id) FILTER (WHERE date_trunc('month', p.notification_date) = date_trunc('month', ${day}::date))::int AS "enteredThisMonth"
         FROM current c LEFT JOIN beneficiary_path p ON p.person_id = c.person_id AND p.status = 'open'
        GROUP BY c.commune_insee ORDER BY c.commune_insee`,
      params.values,
    );
    const keys = ['adults', 'subjectToRightsAndDuties', 'openPaths', 'openPathsFlux', 'openPathsStock', 'convocationOverdue', 'enteredThisMonth'] as const;
    const totals = Object.fromEntries(keys.map((k) => [k, rows.reduce((n, r) => n + (r[k] as number), 0)]));
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId } });
    return { territoryId, date: today, totals, byCommune: rows };
  }

  async pseudonymisedList(actor: Actor, territoryId: string, page: { limit: number; offset: number }, today: string = parisDateOf()) {
    const action = 'reporting.territory.pseudonymised-list';
    await this.gate(actor, Permission.BeneficiaryListPseudonymised, territoryId, action);
    const params = new SqlParams();
    const inTerritory = communeInTerritoriesSql([territoryId], 'd.commune_insee', params);
    const from = `FROM (SELECT DISTINCT ON (m.person_id) m.person_id, d.commune_insee, d.etatdosrsa, m.role_rsa, m.toppersdrodevorsa
                         FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
                        WHERE m.detached_at IS NULL AND m.role_rsa IN ('DEM', 'CJT') AND ${inTerritory}
                        ORDER BY m.person_id, d.updated_at DESC) c
                  JOIN beneficiary_person pe ON pe.id = c.person_id
                  LEFT JOIN LATERAL (SELECT status, origin, notification_date, convocation_deadline FROM beneficiary_path WHERE person_id = c.person_id ORDER BY opened_at DESC LIMIT 1) p ON TRUE`;
    const n = params.values.length;
    const [items, total] = await Promise.all([
      this.pool.query(
        `SELECT c.person_id, extract(year FROM pe.dtnai)::int AS birth_year, pe.sexe, c.commune_insee, c.etatdosrsa, c.role_rsa, c.toppersdrodevorsa,
                p.status, p.origin, to_char(p.notification_date, 'YYYY-MM-DD') AS notification_date, to_char(p.convocation_deadline, 'YYYY-MM-DD') AS convocation_deadline
           ${from} ORDER BY c.person_id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params.values, page.limit, page.offset],
      ),
      this.pool.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params.values),
    ]);
    const year = Number(today.slice(0, 4));
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'territory', id: territoryId }, subjectIds: items.rows.map((r) => r.person_id), detail: { returned: items.rows.length } });
    return {
      items: items.rows.map((r) => ({
        pseudonym: this.pseudonym(r.person_id),
        ageBand: ageBand(r.birth_year, year),
        sexe: r.sexe,
        communeInsee: r.commune_insee,
        roleRsa: r.role_rsa,
        etatdosrsa: r.etatdosrsa,
        subjectToRightsAndDuties: r.toppersdrodevorsa,
        pathStatus: r.status,
        origin: r.origin,
        notificationDate: r.notification_date,
        convocationDeadline: r.convocation_deadline,
      })),
      total: total.rows[0].n,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** Stable across lists and days, meaningless without the key. */
  pseudonym(personId: string): string {
    return `PS-${createHmac('sha256', this.pseudonymKey).update(personId).digest('hex').slice(0, 16)}`;
  }

  private async gate(actor: Actor, permission: Permission, territoryId: string, action: string): Promise<void> {
    const context = { action, target: { type: 'territory', id: territoryId } };
    await this.policy.require(actor, permission, context);
    const { rowCount } = await this.pool.query(`SELECT 1 FROM access_territory WHERE id = $1`, [territoryId]);
    if (rowCount === 0) throw new BeneficiaryError(BeneficiaryErrorCode.TerritoryNotFound, 'No such territory', { territoryId });
    await this.policy.requireTerritory(actor, permission, territoryId, context);
  }
}

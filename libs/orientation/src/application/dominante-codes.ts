import type { Pool } from 'pg';
import { actorRef, type AccessPolicy } from '@rsa/access';
import { Clock, Permission, type Actor } from '@rsa/kernel';
import { inPgTransaction, sqlRunnerOf, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { DEFAULT_DOMINANTE_CODES, DOMINANTES, type Dominante } from '../domain/dominante';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';
import { requireAny } from './orientation-context';

export interface DominanteCode {
  franceTravailParcours: string;
  casfCategory: string;
  source: 'configured' | 'default';
}

export interface DominanteCodesView {
  departement: string;
  codes: Record<Dominante, DominanteCode>;
}

export const DEPARTEMENT_PATTERN = /^(\d{2}|2[AB]|97\d)$/;

/** A département's codes: what is configured, the defaults for the rest. */
export async function dominanteCodesFor(runner: SqlRunner, departement: string): Promise<DominanteCodesView> {
  const rows = await runner.query<{ dominante: Dominante; franceTravailParcours: string; casfCategory: string }>(
    `SELECT dominante, france_travail_parcours AS "franceTravailParcours", casf_category AS "casfCategory" FROM orientation_dominante_code WHERE departement = $1`,
    [departement],
  );
  const codes = Object.fromEntries(
    DOMINANTES.map((d) => {
      const row = rows.find((r) => r.dominante === d);
      return [d, row ? { franceTravailParcours: row.franceTravailParcours, casfCategory: row.casfCategory, source: 'configured' } : { ...DEFAULT_DOMINANTE_CODES[d], source: 'default' }];
    }),
  ) as Record<Dominante, DominanteCode>;
  return { departement, codes };
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
const CATEGORY = /^[a-z0-9][a-z0-9 -]{0,39}$/;

/**
 * Each dominante's France Travail parcours code (the exchange with France Travail uses it) and its
 * CASF category, per département ('59' the Nord; DEFAULT_DOMINANTE_CODES until configured). Read by
 * whoever sees orientations or sets them up; changed by the administrator, audited.
 */
export class DominanteCodes {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, departement: string): Promise<DominanteCodesView> {
    await requireAny(this.policy, actor, [Permission.OrientationRead, Permission.OrientationRules, Permission.OrientationSimulate], 'orientation.dominante-codes.read', { type: 'departement', id: departement });
    return dominanteCodesFor(sqlRunnerOf(this.pool), departement);
  }

  async set(actor: Actor, departement: string, codes: Record<Dominante, { franceTravailParcours: string; casfCategory: string }>): Promise<DominanteCodesView> {
    const action = 'orientation.dominante-codes.set';
    await this.policy.require(actor, Permission.OrientationRules, { action, target: { type: 'departement', id: departement } });
    const problems: string[] = [];
    for (const d of DOMINANTES) {
      const c = codes[d];
      if (!c) {
        problems.push(`${d}: missing`);
        continue;
      }
      if (!CODE.test(c.franceTravailParcours ?? '')) problems.push(`${d}.franceTravailParcours: capitals, digits, dashes or underscores, 20 at most`);
      if (!CATEGORY.test(c.casfCategory ?? '')) problems.push(`${d}.casfCategory: lower case letters, digits, spaces or dashes, 40 at most`);
    }
    const parcours = DOMINANTES.map((d) => codes[d]?.franceTravailParcours);
    if (new Set(parcours).size !== parcours.length) problems.push('franceTravailParcours: each dominante has its own code');
    if (problems.length > 0) throw new OrientationError(OrientationErrorCode.DominanteCodesInvalid, 'These codes cannot be saved', { problems });
    await inPgTransaction(this.pool, async (runner) => {
      const before = await dominanteCodesFor(runner, departement);
      for (const d of DOMINANTES) {
        await runner.query(
          `INSERT INTO orientation_dominante_code (departement, dominante, france_travail_parcours, casf_category, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (departement, dominante) DO UPDATE SET france_travail_parcours = EXCLUDED.france_travail_parcours, casf_category = EXCLUDED.casf_category,
             updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [departement, d, codes[d].franceTravailParcours, codes[d].casfCategory, this.clock.now(), actorRef(actor)],
        );
      }
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'departement', id: departement }, detail: { before: before.codes, after: codes } }, runner);
    });
    return dominanteCodesFor(sqlRunnerOf(this.pool), departement);
  }
}

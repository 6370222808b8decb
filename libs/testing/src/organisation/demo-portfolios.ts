import type { Pool } from 'pg';
import type { Actor } from '@rsa/kernel';
import type { BeneficiaryChanges } from '@rsa/beneficiary';
import type { SeedResult } from '@rsa/access';
import { DEMO_SUBJECTS } from './demo-organisation';

/**
 * Until referents are assigned by orientation (portfolios), the demo shares a few files of
 * Roubaix-Tourcoing through the same command a coordinator uses: with the demo referent (their
 * portfolio), the France Travail agency and the partner operator, up to a number each: a second
 * run shares nothing more.
 */
export async function shareDemoPortfolios(pool: Pool, changes: BeneficiaryChanges, actor: Actor, seed: SeedResult): Promise<{ referent: number; franceTravail: number; operator: number }> {
  const pick = async (wanted: number, offset: number, grantee: { professionalId?: string; structureId?: string }) => {
    const [{ n: already }] = (
      await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_case_grant WHERE revoked_at IS NULL AND (professional_id = $1 OR structure_id = $2)`, [
        grantee.professionalId ?? null,
        grantee.structureId ?? null,
      ])
    ).rows;
    const limit = Math.max(0, wanted - already);
    if (limit === 0) return [];
    const { rows } = await pool.query<{ person_id: string }>(
      `SELECT DISTINCT p.person_id FROM beneficiary_path p
         JOIN beneficiary_dossier d ON d.id = p.dossier_id
         JOIN access_territory_commune tc ON tc.insee = d.commune_insee AND tc.territory_id = 'roubaix-tourcoing'
        WHERE p.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM access_case_grant g WHERE g.person_id = p.person_id AND g.revoked_at IS NULL
                            AND (g.professional_id = $3 OR g.structure_id = $4))
        ORDER BY p.person_id LIMIT $1 OFFSET $2`,
      [limit, offset, grantee.professionalId ?? null, grantee.structureId ?? null],
    );
    return rows.map((r) => r.person_id);
  };
  const referentId = seed.professionalIds[DEMO_SUBJECTS.referentRoubaix];
  const referent = await pick(20, 0, { professionalId: referentId });
  for (const personId of referent) await changes.share(actor, personId, { professionalId: referentId, basis: 'referent', reasonCode: 'portfolio' });
  const agency = seed.structureIds['FT-ROUBAIX'];
  const franceTravail = await pick(5, 20, { structureId: agency });
  for (const personId of franceTravail) await changes.share(actor, personId, { structureId: agency, basis: 'shared', reasonCode: 'france-travail-registration' });
  const operatorId = seed.structureIds['IOD-METROPOLE'];
  const operator = await pick(5, 25, { structureId: operatorId });
  for (const personId of operator) await changes.share(actor, personId, { structureId: operatorId, basis: 'assigned-operator', reasonCode: 'operator-assignment' });
  return { referent: referent.length, franceTravail: franceTravail.length, operator: operator.length };
}

import type { Actor } from '@rsa/kernel';
import type { SqlParams } from '@rsa/platform';
import type { GrantBasis } from '../domain/grant-basis';

/**
 * Which beneficiaries an actor's permissions reach, as data the read models turn into SQL. The
 * same filter serves the list and the single read, so they never disagree.
 */
export type BeneficiaryScopeFilter =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'grants'; professionalId: string; structureId: string | null }
  | { kind: 'territory'; territoryIds: readonly string[] };

export function scopeOf(actor: Actor): BeneficiaryScopeFilter {
  if (actor.scope === 'all') return { kind: 'all' };
  if (actor.kind !== 'user' || actor.scope === 'none') return { kind: 'none' };
  if (actor.scope === 'territory') return { kind: 'territory', territoryIds: actor.territoryIds };
  return { kind: 'grants', professionalId: actor.professionalId, structureId: actor.scope === 'assigned-or-structure' ? actor.structureId : null };
}

/** `EXISTS` an active grant of the person to the professional (or their structure), of any basis or of `basis` only (a referent's: a portfolio, a stand-in). */
export function activeGrantSql(scope: { professionalId: string; structureId: string | null }, personIdExpression: string, params: SqlParams, basis?: GrantBasis): string {
  const grantee = scope.structureId
    ? `(g.professional_id = ${params.add(scope.professionalId)} OR g.structure_id = ${params.add(scope.structureId)})`
    : `g.professional_id = ${params.add(scope.professionalId)}`;
  const ofBasis = basis ? ` AND g.basis = ${params.add(basis)}` : '';
  return `EXISTS (SELECT 1 FROM access_case_grant g WHERE g.person_id = ${personIdExpression} AND ${grantee}${ofBasis}
    AND g.revoked_at IS NULL AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()))`;
}

/** The commune (INSEE code) belongs to one of the territories. */
export function communeInTerritoriesSql(territoryIds: readonly string[], communeExpression: string, params: SqlParams): string {
  return `${communeExpression} IN (SELECT tc.insee FROM access_territory_commune tc WHERE tc.territory_id = ANY(${params.add(territoryIds)}::varchar[]))`;
}

import type { Pool } from 'pg';
import type { Actor, Permission } from '@rsa/kernel';
import { activeGrantSql, communeInTerritoriesSql, scopeOf, type AccessContext, type AccessPolicy, type BeneficiaryScopeFilter } from '@rsa/access';
import { SqlParams } from '@rsa/platform';
import { BeneficiaryError, BeneficiaryErrorCode } from '../domain/beneficiary-errors';

/**
 * SQL true when the person (`personIdExpression`) is within the scope: an active grant to the
 * professional (or their structure), or a current dossier in one of the territories. Lists and
 * single reads use this same predicate, so what a professional can list is what they can open.
 */
export function personVisibleSql(scope: BeneficiaryScopeFilter, personIdExpression: string, params: SqlParams): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'none':
      return 'FALSE';
    case 'grants':
      return activeGrantSql(scope, personIdExpression, params);
    case 'territory':
      return `EXISTS (SELECT 1 FROM beneficiary_member vm JOIN beneficiary_dossier vd ON vd.id = vm.dossier_id
        WHERE vm.person_id = ${personIdExpression} AND vm.detached_at IS NULL AND ${communeInTerritoriesSql(scope.territoryIds, 'vd.commune_insee', params)})`;
  }
}

/**
 * The gate in front of every read or change of one beneficiary's file: the permission, then the
 * scope. Unknown person: 404; known but out of scope: 403, recorded in the audit trail.
 */
export class PersonAccess {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
  ) {}

  async require(actor: Actor, permission: Permission, personId: string, action: string): Promise<{ anonymised: boolean }> {
    const context: AccessContext = { action, target: { type: 'person', id: personId }, subjectIds: [personId] };
    await this.policy.require(actor, permission, context);
    const params = new SqlParams();
    const id = params.add(personId);
    const { rows } = await this.pool.query<{ visible: boolean; anonymised: boolean }>(
      `SELECT (${personVisibleSql(scopeOf(actor), 'p.id', params)}) AS visible, p.anonymised_at IS NOT NULL AS anonymised
         FROM beneficiary_person p WHERE p.id = ${id}`,
      params.values,
    );
    if (rows.length === 0) throw new BeneficiaryError(BeneficiaryErrorCode.PersonNotFound, 'No beneficiary with this id', { personId });
    if (!rows[0].visible) await this.policy.outOfScope(actor, context);
    return { anonymised: rows[0].anonymised };
  }
}

import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Actor } from '@rsa/kernel';
import type { SqlRunner } from '@rsa/platform';
import type { GrantBasis } from '../domain/grant-basis';
import { OrganisationError, OrganisationErrorCode } from '../domain/access-errors';

export interface CaseGrantView {
  id: string;
  personId: string;
  professionalId: string | null;
  structureId: string | null;
  basis: GrantBasis;
  reasonCode: string;
  validFrom: string;
  validTo: string | null;
  grantedBy: string;
  revokedAt: string | null;
  active: boolean;
}

export interface NewCaseGrant {
  personId: string;
  professionalId: string | null;
  structureId: string | null;
  basis: GrantBasis;
  reasonCode: string;
  validTo: Date | null;
}

const VIEW = `id, person_id AS "personId", professional_id AS "professionalId", structure_id AS "structureId", basis,
  reason_code AS "reasonCode", valid_from AS "validFrom", valid_to AS "validTo", granted_by AS "grantedBy", revoked_at AS "revokedAt",
  (revoked_at IS NULL AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())) AS active`;

/** Who an actor is, as the grant and habilitation tables record it. */
export function actorRef(actor: Actor): string {
  return actor.kind === 'user' ? `professional:${actor.professionalId}` : `system:${actor.name}`;
}

/**
 * The table of case grants. Its callers (the beneficiary context's handlers) check who may share
 * which file and audit it; this only stores, in the caller's transaction.
 */
export class CaseGrants {
  constructor(private readonly pool: Pool) {}

  async insert(runner: SqlRunner, actor: Actor, grant: NewCaseGrant): Promise<CaseGrantView> {
    if ((grant.professionalId === null) === (grant.structureId === null)) {
      throw new OrganisationError(OrganisationErrorCode.InvalidGrant, 'Share with exactly one professional or one structure');
    }
    const exists = grant.professionalId
      ? await runner.query(`SELECT 1 FROM access_professional WHERE id = $1`, [grant.professionalId])
      : await runner.query(`SELECT 1 FROM access_structure WHERE id = $1 AND active`, [grant.structureId]);
    if (exists.length === 0) {
      throw grant.professionalId
        ? new OrganisationError(OrganisationErrorCode.ProfessionalNotFound, 'No such professional', { professionalId: grant.professionalId })
        : new OrganisationError(OrganisationErrorCode.StructureNotFound, 'No such active structure', { structureId: grant.structureId });
    }
    if (grant.validTo !== null && grant.validTo.getTime() <= Date.now()) {
      throw new OrganisationError(OrganisationErrorCode.InvalidGrant, 'The end of the share must be in the future');
    }
    const [row] = await runner.query<CaseGrantView>(
      `INSERT INTO access_case_grant (id, person_id, professional_id, structure_id, basis, reason_code, valid_from, valid_to, granted_by)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8) RETURNING ${VIEW}`,
      [randomUUID(), grant.personId, grant.professionalId, grant.structureId, grant.basis, grant.reasonCode, grant.validTo, actorRef(actor)],
    );
    return row;
  }

  /** Ends an active grant of this person; returns it as it was. */
  async revoke(runner: SqlRunner, actor: Actor, personId: string, grantId: string): Promise<CaseGrantView> {
    const [row] = await runner.query<CaseGrantView>(
      `UPDATE access_case_grant SET revoked_at = now(), revoked_by = $3 WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL RETURNING ${VIEW}`,
      [grantId, personId, actorRef(actor)],
    );
    if (!row) throw new OrganisationError(OrganisationErrorCode.GrantNotFound, 'No active share with this id for this person', { grantId });
    return row;
  }

  async listForPerson(personId: string): Promise<CaseGrantView[]> {
    const { rows } = await this.pool.query<CaseGrantView>(`SELECT ${VIEW} FROM access_case_grant WHERE person_id = $1 ORDER BY created_at`, [personId]);
    return rows;
  }
}

/**
 * The end of an orientation period ends the access its portfolio gave (the referent's, and a
 * covering referent's during an absence: basis `referent`, reason `portfolio`): at once, or, when
 * `until` is given (an exit in employment, whose follow-up the referent records), at that moment.
 * Returns the grants ended.
 */
export async function endPortfolioGrants(runner: SqlRunner, personId: string, by: string, until: Date | null): Promise<string[]> {
  const rows = await runner.query<{ id: string }>(
    until === null
      ? `UPDATE access_case_grant SET revoked_at = now(), revoked_by = $2
          WHERE person_id = $1 AND basis = 'referent' AND reason_code = 'portfolio' AND revoked_at IS NULL RETURNING id`
      : `UPDATE access_case_grant SET valid_to = LEAST(COALESCE(valid_to, $2), $2)
          WHERE person_id = $1 AND basis = 'referent' AND reason_code = 'portfolio' AND revoked_at IS NULL RETURNING id`,
    until === null ? [personId, by] : [personId, until],
  );
  return rows.map((r) => r.id);
}

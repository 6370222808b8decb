import type { Pool } from 'pg';
import {
  AccessDeniedError,
  AccessErrorCode,
  GRANTABLE_PERMISSIONS,
  isRole,
  parisDateOf,
  Permission,
  ROLE_DEFINITIONS,
  type Channel,
  type UserActor,
} from '@rsa/kernel';
import type { AuthConfig } from '@rsa/platform';
import { habilitationStatus, type HabilitationStatus } from '../domain/habilitation-status';
import type { VerifiedToken } from '../infrastructure/token-verifier';

interface HabilitationRow {
  professional_id: string;
  habilitation_id: string;
  role: string;
  structure_id: string;
  structure_active: boolean;
  territory_id: string | null;
  extra_permissions: string[];
  valid_from: string;
  valid_to: string | null;
  revoked_at: Date | null;
}

/**
 * From a verified token to the actor: the professional known by the token's subject, acting under
 * one of their habilitations, read from the database on every request so an expired or revoked
 * habilitation is refused at once. The token may name a role and a structure (`rsa_role`,
 * `rsa_structure`) to choose among several habilitations; it never grants anything by itself.
 */
export class ActorResolver {
  constructor(
    private readonly pool: Pool,
    private readonly config: AuthConfig,
  ) {}

  async resolve(token: VerifiedToken, context: { channel: Channel; requestId: string | null }, now: Date = new Date()): Promise<UserActor> {
    const { rows } = await this.pool.query<HabilitationRow>(
      `SELECT p.id AS professional_id, h.id AS habilitation_id, h.role, h.structure_id, s.active AS structure_active,
              COALESCE(h.territory_id, s.territory_id) AS territory_id, h.extra_permissions,
              to_char(h.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(h.valid_to, 'YYYY-MM-DD') AS valid_to, h.revoked_at
         FROM access_professional p
         JOIN access_habilitation h ON h.professional_id = p.id
         JOIN access_structure s ON s.id = h.structure_id
        WHERE p.subject = $1`,
      [token.subject],
    );
    const today = parisDateOf(now);
    const wanted = rows.filter((h) => (token.role === null || h.role === token.role) && (token.structureId === null || h.structure_id === token.structureId));
    if (wanted.length === 0) {
      throw new AccessDeniedError(AccessErrorCode.NoHabilitation, 'No habilitation for this account (or for the role and structure the token names)', {
        known: rows.length > 0,
      });
    }
    const statuses = wanted.map((h) => ({ h, status: h.structure_active ? habilitationStatus({ validFrom: h.valid_from, validTo: h.valid_to, revokedAt: h.revoked_at }, today) : ('revoked' as HabilitationStatus) }));
    const active = statuses.filter((s) => s.status === 'active').map((s) => s.h);
    if (active.length === 0) {
      if (statuses.some((s) => s.status === 'revoked')) throw new AccessDeniedError(AccessErrorCode.HabilitationRevoked, 'This habilitation has been revoked');
      if (statuses.some((s) => s.status === 'expired')) throw new AccessDeniedError(AccessErrorCode.HabilitationExpired, 'This habilitation has expired');
      throw new AccessDeniedError(AccessErrorCode.NoHabilitation, 'This habilitation is not valid yet');
    }
    if (active.length > 1) {
      throw new AccessDeniedError(AccessErrorCode.HabilitationAmbiguous, 'Several habilitations are active: the token must name the role and structure (rsa_role, rsa_structure)', {
        roles: active.map((h) => h.role),
      });
    }
    const h = active[0];
    if (!isRole(h.role)) throw new AccessDeniedError(AccessErrorCode.NoHabilitation, 'Unknown role on this habilitation');
    if (this.config.mfaRoles.includes(h.role) && !token.mfa) {
      throw new AccessDeniedError(AccessErrorCode.MfaRequired, `The ${h.role} role requires a second authentication factor`);
    }
    const definition = ROLE_DEFINITIONS[h.role];
    const extra = h.extra_permissions.filter((p): p is Permission => (GRANTABLE_PERMISSIONS as readonly string[]).includes(p));
    // A coordinator or project team of no particular territory works for the whole Département.
    const scope = definition.scope === 'territory' && h.territory_id === null ? 'all' : definition.scope;
    return Object.freeze({
      kind: 'user',
      subject: token.subject,
      professionalId: h.professional_id,
      habilitationId: h.habilitation_id,
      role: h.role,
      structureId: h.structure_id,
      territoryIds: h.territory_id ? [h.territory_id] : [],
      permissions: new Set([...definition.permissions, ...extra]),
      scope,
      mfa: token.mfa,
      channel: context.channel,
      requestId: context.requestId,
    });
  }
}

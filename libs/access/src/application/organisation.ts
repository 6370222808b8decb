import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { GRANTABLE_PERMISSIONS, isRole, parisDateOf, Permission, ROLE_DEFINITIONS, type Actor, type Role } from '@rsa/kernel';
import { diffOf, inPgTransaction, type AuditTrail, type SqlRunner } from '@rsa/platform';
import { OrganisationError, OrganisationErrorCode } from '../domain/access-errors';
import { habilitationStatus } from '../domain/habilitation-status';
import { ROLE_STRUCTURES } from '../domain/role-structures';
import { STRUCTURE_KINDS, type StructureKind } from '../domain/structure-kind';
import type { AccessPolicy } from './access-policy';
import { actorRef } from './case-grants';

export interface TerritoryInput {
  name: string;
  communes: { insee: string; name: string }[];
}

export interface StructureInput {
  kind: StructureKind;
  name: string;
  code?: string | null;
  territoryId?: string | null;
}

export interface StructurePatch {
  name?: string;
  code?: string | null;
  territoryId?: string | null;
  active?: boolean;
}

export interface ProfessionalInput {
  subject: string;
  displayName: string;
  email?: string | null;
}

export interface HabilitationInput {
  role: Role;
  structureId: string;
  territoryId?: string | null;
  validFrom: string;
  validTo?: string | null;
  extraPermissions?: string[];
}

export interface HabilitationPatch {
  validTo?: string | null;
  extraPermissions?: string[];
}

export interface HabilitationView {
  id: string;
  professionalId: string;
  role: Role;
  structureId: string;
  structureName: string;
  territoryId: string | null;
  extraPermissions: string[];
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  status: string;
}

export interface ProfessionalView {
  id: string;
  subject: string;
  displayName: string;
  email: string | null;
  habilitations: HabilitationView[];
}

const HABILITATION_VIEW = `h.id, h.professional_id AS "professionalId", h.role, h.structure_id AS "structureId", s.name AS "structureName",
  h.territory_id AS "territoryId", h.extra_permissions AS "extraPermissions", to_char(h.valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(h.valid_to, 'YYYY-MM-DD') AS "validTo", h.revoked_at AS "revokedAt", h.revoked_reason AS "revokedReason"`;

const STRUCTURE_VIEW = `id, kind, name, code, territory_id AS "territoryId", active`;

const PG_UNIQUE_VIOLATION = '23505';

/**
 * The organisation: territories and their communes, structures, professionals and their
 * habilitations. Administrators change it (every change audited with its diff); coordinators,
 * project teams and auditors read it. Nobody changes their own habilitations.
 */
export class Organisation {
  constructor(
    private readonly pool: Pool,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
  ) {}

  // ---- territories

  async listTerritories(actor: Actor) {
    await this.policy.require(actor, Permission.OrganisationRead, { action: 'organisation.territory.list' });
    const { rows } = await this.pool.query(
      `SELECT t.id, t.name, count(c.insee)::int AS communes FROM access_territory t LEFT JOIN access_territory_commune c ON c.territory_id = t.id
        GROUP BY t.id ORDER BY t.name`,
    );
    return rows;
  }

  async getTerritory(actor: Actor, id: string) {
    await this.policy.require(actor, Permission.OrganisationRead, { action: 'organisation.territory.read', target: { type: 'territory', id } });
    const { rows } = await this.pool.query(`SELECT id, name FROM access_territory WHERE id = $1`, [id]);
    if (rows.length === 0) throw territoryNotFound(id);
    const communes = await this.pool.query(`SELECT insee, name FROM access_territory_commune WHERE territory_id = $1 ORDER BY insee`, [id]);
    return { ...rows[0], communes: communes.rows };
  }

  /** Creates or replaces a territory and its list of communes. */
  async saveTerritory(actor: Actor, id: string, input: TerritoryInput) {
    const action = 'organisation.territory.save';
    await this.policy.require(actor, Permission.OrganisationManage, { action, target: { type: 'territory', id } });
    return inPgTransaction(this.pool, async (runner) => {
      const before = await runner.query<{ name: string; communes: string[] }>(
        `SELECT t.name, COALESCE(array_agg(c.insee ORDER BY c.insee) FILTER (WHERE c.insee IS NOT NULL), '{}') AS communes
           FROM access_territory t LEFT JOIN access_territory_commune c ON c.territory_id = t.id WHERE t.id = $1 GROUP BY t.id`,
        [id],
      );
      await runner.query(
        `INSERT INTO access_territory (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()`,
        [id, input.name],
      );
      const insee = input.communes.map((c) => c.insee);
      const taken = await runner.query<{ insee: string; territory_id: string }>(
        `SELECT insee, territory_id FROM access_territory_commune WHERE insee = ANY($1::varchar[]) AND territory_id <> $2`,
        [insee, id],
      );
      if (taken.length > 0) {
        throw new OrganisationError(OrganisationErrorCode.CommuneTaken, 'Some communes already belong to another territory: move them from there first', {
          communes: taken.map((t) => ({ insee: t.insee, territoryId: t.territory_id })),
        });
      }
      await runner.query(`DELETE FROM access_territory_commune WHERE territory_id = $1 AND NOT (insee = ANY($2::varchar[]))`, [id, insee]);
      await runner.query(
        `INSERT INTO access_territory_commune (insee, territory_id, name) SELECT x.insee, $1, x.name FROM jsonb_to_recordset($2::jsonb) AS x(insee varchar, name varchar)
         ON CONFLICT (insee) DO UPDATE SET name = EXCLUDED.name`,
        [id, JSON.stringify(input.communes)],
      );
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'territory', id },
          diff: diffOf(before[0] ?? null, { name: input.name, communes: [...insee].sort() }),
        },
        runner,
      );
      return { id, name: input.name, communes: input.communes.length };
    });
  }

  // ---- structures

  async listStructures(actor: Actor, filter: { kind?: string; territoryId?: string }) {
    await this.policy.require(actor, Permission.OrganisationRead, { action: 'organisation.structure.list' });
    const { rows } = await this.pool.query(
      `SELECT ${STRUCTURE_VIEW} FROM access_structure WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR territory_id = $2) ORDER BY name`,
      [filter.kind ?? null, filter.territoryId ?? null],
    );
    return rows;
  }

  async createStructure(actor: Actor, input: StructureInput) {
    const action = 'organisation.structure.create';
    await this.policy.require(actor, Permission.OrganisationManage, { action });
    if (!STRUCTURE_KINDS.includes(input.kind)) throw new OrganisationError(OrganisationErrorCode.InvalidHabilitation, `Unknown structure kind ${input.kind}`);
    const id = randomUUID();
    return inPgTransaction(this.pool, async (runner) => {
      await this.assertTerritory(runner, input.territoryId ?? null);
      const [row] = await uniqueOr(
        runner.query(
          `INSERT INTO access_structure (id, kind, name, code, territory_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${STRUCTURE_VIEW}`,
          [id, input.kind, input.name, input.code ?? null, input.territoryId ?? null],
        ),
        () => new OrganisationError(OrganisationErrorCode.StructureCodeTaken, 'Another structure has this code', { code: input.code }),
      );
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'structure', id }, diff: diffOf(null, row) }, runner);
      return row;
    });
  }

  async updateStructure(actor: Actor, id: string, patch: StructurePatch) {
    const action = 'organisation.structure.update';
    await this.policy.require(actor, Permission.OrganisationManage, { action, target: { type: 'structure', id } });
    return inPgTransaction(this.pool, async (runner) => {
      const [before] = await runner.query(`SELECT ${STRUCTURE_VIEW} FROM access_structure WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw structureNotFound(id);
      if (patch.territoryId !== undefined) await this.assertTerritory(runner, patch.territoryId);
      const [after] = await uniqueOr(
        runner.query(
          `UPDATE access_structure SET name = COALESCE($2, name), code = CASE WHEN $3 THEN $4 ELSE code END,
                  territory_id = CASE WHEN $5 THEN $6 ELSE territory_id END, active = COALESCE($7, active), updated_at = now()
            WHERE id = $1 RETURNING ${STRUCTURE_VIEW}`,
          [id, patch.name ?? null, patch.code !== undefined, patch.code ?? null, patch.territoryId !== undefined, patch.territoryId ?? null, patch.active ?? null],
        ),
        () => new OrganisationError(OrganisationErrorCode.StructureCodeTaken, 'Another structure has this code', { code: patch.code }),
      );
      await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'structure', id }, diff: diffOf(before, after) }, runner);
      return after;
    });
  }

  // ---- professionals and habilitations

  async listProfessionals(actor: Actor, filter: { structureId?: string; role?: string; limit: number; offset: number }) {
    await this.policy.require(actor, Permission.OrganisationRead, { action: 'organisation.professional.list' });
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT p.id FROM access_professional p
        WHERE ($1::uuid IS NULL AND $2::text IS NULL)
           OR EXISTS (SELECT 1 FROM access_habilitation h WHERE h.professional_id = p.id AND ($1::uuid IS NULL OR h.structure_id = $1) AND ($2::text IS NULL OR h.role = $2))
        ORDER BY p.display_name, p.id LIMIT $3 OFFSET $4`,
      [filter.structureId ?? null, filter.role ?? null, filter.limit, filter.offset],
    );
    return this.professionals(rows.map((r) => r.id));
  }

  async getProfessional(actor: Actor, id: string): Promise<ProfessionalView> {
    await this.policy.require(actor, Permission.OrganisationRead, { action: 'organisation.professional.read', target: { type: 'professional', id } });
    const [found] = await this.professionals([id]);
    if (!found) throw professionalNotFound(id);
    return found;
  }

  async createProfessional(actor: Actor, input: ProfessionalInput): Promise<ProfessionalView> {
    const action = 'organisation.professional.create';
    await this.policy.require(actor, Permission.OrganisationManage, { action });
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      await uniqueOr(
        runner.query(`INSERT INTO access_professional (id, subject, display_name, email) VALUES ($1, $2, $3, $4)`, [id, input.subject, input.displayName, input.email ?? null]),
        () => new OrganisationError(OrganisationErrorCode.SubjectTaken, 'A professional already has this identity-provider subject'),
      );
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'professional', id }, diff: diffOf(null, { subject: input.subject, displayName: input.displayName, email: input.email ?? null }) },
        runner,
      );
    });
    return this.getProfessional(actor, id);
  }

  async addHabilitation(actor: Actor, professionalId: string, input: HabilitationInput): Promise<HabilitationView> {
    const action = 'organisation.habilitation.create';
    const target = { type: 'professional', id: professionalId };
    await this.policy.require(actor, Permission.OrganisationManage, { action, target });
    await this.refuseSelf(actor, professionalId, action, target);
    if (!isRole(input.role)) throw invalid(`Unknown role ${String(input.role)}`);
    const extra = this.checkExtraPermissions(input.extraPermissions ?? []);
    if (input.validTo && input.validTo < input.validFrom) throw invalid('The end date is before the start date');
    const id = randomUUID();
    await inPgTransaction(this.pool, async (runner) => {
      if ((await runner.query(`SELECT 1 FROM access_professional WHERE id = $1`, [professionalId])).length === 0) throw professionalNotFound(professionalId);
      const [structure] = await runner.query<{ kind: StructureKind; active: boolean; territory_id: string | null }>(
        `SELECT kind, active, territory_id FROM access_structure WHERE id = $1`,
        [input.structureId],
      );
      if (!structure || !structure.active) throw structureNotFound(input.structureId);
      if (!ROLE_STRUCTURES[input.role].includes(structure.kind)) {
        throw invalid(`A ${input.role} habilitation belongs to a structure of kind ${ROLE_STRUCTURES[input.role].join(' or ')}, not ${structure.kind}`);
      }
      const territoryId = input.territoryId ?? null;
      await this.assertTerritory(runner, territoryId);
      if (territoryId && ROLE_DEFINITIONS[input.role].scope !== 'territory') throw invalid(`A territory is given only to territorial roles (coordinator, project team)`);
      await runner.query(
        `INSERT INTO access_habilitation (id, professional_id, role, structure_id, territory_id, extra_permissions, valid_from, valid_to, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, professionalId, input.role, input.structureId, territoryId, extra, input.validFrom, input.validTo ?? null, actorRef(actor)],
      );
      await this.audit.record(
        {
          actor,
          action,
          outcome: 'allowed',
          target: { type: 'habilitation', id },
          detail: { professionalId },
          diff: diffOf(null, { role: input.role, structureId: input.structureId, territoryId, extraPermissions: extra, validFrom: input.validFrom, validTo: input.validTo ?? null }),
        },
        runner,
      );
    });
    return this.habilitation(id);
  }

  async updateHabilitation(actor: Actor, id: string, patch: HabilitationPatch): Promise<HabilitationView> {
    const action = 'organisation.habilitation.update';
    await this.policy.require(actor, Permission.OrganisationManage, { action, target: { type: 'habilitation', id } });
    const before = await this.habilitation(id);
    await this.refuseSelf(actor, before.professionalId, action, { type: 'habilitation', id });
    const extra = patch.extraPermissions === undefined ? before.extraPermissions : this.checkExtraPermissions(patch.extraPermissions);
    const validTo = patch.validTo === undefined ? before.validTo : patch.validTo;
    if (validTo !== null && validTo < before.validFrom) throw invalid('The end date is before the start date');
    await inPgTransaction(this.pool, async (runner) => {
      await runner.query(`UPDATE access_habilitation SET valid_to = $2, extra_permissions = $3 WHERE id = $1`, [id, validTo, extra]);
      await this.audit.record(
        { actor, action, outcome: 'allowed', target: { type: 'habilitation', id }, diff: diffOf({ validTo: before.validTo, extraPermissions: before.extraPermissions }, { validTo, extraPermissions: extra }) },
        runner,
      );
    });
    return this.habilitation(id);
  }

  /** Revocation takes effect on the next request of that professional: actors are resolved each time. */
  async revokeHabilitation(actor: Actor, id: string, reasonCode: string | undefined): Promise<HabilitationView> {
    const action = 'organisation.habilitation.revoke';
    const target = { type: 'habilitation', id };
    await this.policy.require(actor, Permission.OrganisationManage, { action, target });
    const reason = await this.policy.requireReason(actor, 'habilitationRevoke', reasonCode, { action, target });
    const before = await this.habilitation(id);
    await this.refuseSelf(actor, before.professionalId, action, target);
    await inPgTransaction(this.pool, async (runner) => {
      const updated = await runner.query(`UPDATE access_habilitation SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, reason]);
      if (updated.length === 0) throw invalid('This habilitation is already revoked');
      await this.audit.record({ actor, action, outcome: 'allowed', target, reasonCode: reason, detail: { professionalId: before.professionalId } }, runner);
    });
    return this.habilitation(id);
  }

  private async professionals(ids: string[]): Promise<ProfessionalView[]> {
    if (ids.length === 0) return [];
    const people = await this.pool.query(`SELECT id, subject, display_name AS "displayName", email FROM access_professional WHERE id = ANY($1::uuid[])`, [ids]);
    const habilitations = await this.pool.query<HabilitationView>(
      `SELECT ${HABILITATION_VIEW} FROM access_habilitation h JOIN access_structure s ON s.id = h.structure_id
        WHERE h.professional_id = ANY($1::uuid[]) ORDER BY h.valid_from, h.id`,
      [ids],
    );
    const byId = new Map(people.rows.map((p) => [p.id as string, { ...p, habilitations: [] as HabilitationView[] } as ProfessionalView]));
    for (const h of habilitations.rows) byId.get(h.professionalId)?.habilitations.push(withStatus(h));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private async habilitation(id: string): Promise<HabilitationView> {
    const { rows } = await this.pool.query<HabilitationView>(
      `SELECT ${HABILITATION_VIEW} FROM access_habilitation h JOIN access_structure s ON s.id = h.structure_id WHERE h.id = $1`,
      [id],
    );
    if (rows.length === 0) throw new OrganisationError(OrganisationErrorCode.HabilitationNotFound, 'No such habilitation', { id });
    return withStatus(rows[0]);
  }

  /** Refused, and the attempt recorded: an administrator trying to raise their own rights is what the trail is for. */
  private async refuseSelf(actor: Actor, professionalId: string, action: string, target: { type: string; id: string }): Promise<void> {
    if (actor.kind === 'user' && actor.professionalId === professionalId) {
      await this.audit.record({ actor, action, outcome: 'denied', target, reasonCode: OrganisationErrorCode.SelfHabilitation });
      throw new OrganisationError(OrganisationErrorCode.SelfHabilitation, 'Nobody grants, changes or revokes their own habilitations: ask another administrator');
    }
  }

  private checkExtraPermissions(permissions: string[]): string[] {
    const refused = permissions.filter((p) => !(GRANTABLE_PERMISSIONS as readonly string[]).includes(p));
    if (refused.length > 0) throw invalid(`Only ${GRANTABLE_PERMISSIONS.join(', ')} can be granted on a habilitation (refused: ${refused.join(', ')})`);
    return [...new Set(permissions)].sort();
  }

  private async assertTerritory(runner: SqlRunner, territoryId: string | null): Promise<void> {
    if (territoryId === null) return;
    if ((await runner.query(`SELECT 1 FROM access_territory WHERE id = $1`, [territoryId])).length === 0) throw territoryNotFound(territoryId);
  }
}

function withStatus(h: HabilitationView): HabilitationView {
  return { ...h, status: habilitationStatus({ validFrom: h.validFrom, validTo: h.validTo, revokedAt: h.revokedAt }, parisDateOf()) };
}

async function uniqueOr<T>(query: Promise<T>, error: () => OrganisationError): Promise<T> {
  try {
    return await query;
  } catch (failure) {
    if ((failure as { code?: string }).code === PG_UNIQUE_VIOLATION) throw error();
    throw failure;
  }
}

const invalid = (message: string) => new OrganisationError(OrganisationErrorCode.InvalidHabilitation, message);
const territoryNotFound = (id: string) => new OrganisationError(OrganisationErrorCode.TerritoryNotFound, 'No such territory', { id });
const structureNotFound = (id: string) => new OrganisationError(OrganisationErrorCode.StructureNotFound, 'No such active structure', { id });
const professionalNotFound = (id: string) => new OrganisationError(OrganisationErrorCode.ProfessionalNotFound, 'No such professional', { id });

import { AccessDeniedError, AccessErrorCode, ACCOMPANYING_ROLES, ALL_ROLES, hasPermission, Permission, ROLE_DEFINITIONS, type Actor, type Role } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import type { SqlRunner } from '@rsa/platform';
import { OrientationError, OrientationErrorCode } from '../domain/orientation-errors';

/** What the orientation needs to know of a person, read from the beneficiary and access contexts' tables. */
export interface PersonFacts {
  personId: string;
  birthDate: string;
  anonymised: boolean;
  /** The open RSA path, if any, and its origin (flux: new entrant; stock: already in the RSA). */
  pathId: string | null;
  origin: 'flux' | 'stock' | null;
  /** The RSA request date (beneficiary_dossier.dtdemrsa) of the open path's dossier, else of the latest one they are attached to. */
  rsaSince: string | null;
  /** The territory of the commune of the person's current dossier (currentCommuneSql; null when the commune is in none). */
  territoryId: string | null;
  /** The département of that commune (INSEE code prefix; '59' when unknown). */
  departement: string;
  /** An open orientation period with a referent, or an active referent grant: already accompanied. */
  inIntensiveSupport: boolean;
}

/** The département of a commune's INSEE code: two characters, three overseas (971…976). */
export function departementOf(insee: string | null): string {
  if (!insee) return '59';
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

/** Which of a person's dossiers count (`cur_m` member, `cur_d` dossier, `cur_p` their open path), and which comes first. */
const CURRENT_DOSSIER_JOINS = `JOIN beneficiary_dossier cur_d ON cur_d.id = cur_m.dossier_id
  LEFT JOIN beneficiary_path cur_p ON cur_p.person_id = cur_m.person_id AND cur_p.status = 'open'`;
const CURRENT_DOSSIER_WHERE = `(cur_m.detached_at IS NULL OR cur_d.id = cur_p.dossier_id)`;
const CURRENT_DOSSIER_ORDER = `(cur_m.detached_at IS NULL) DESC, cur_d.updated_at DESC, cur_d.id DESC`;

/**
 * Where a person lives now, as SQL: the commune of their current dossier, the most recently updated
 * dossier they are still attached to (as the beneficiary files show it), or, attached to none, the
 * dossier of their open path. A person who moved (their dossier's commune changed, or they joined
 * another household's dossier) is where they moved to. `person` is the SQL of the person's id (a
 * column or a parameter). The proposal and decision (personFacts) read it, and the simulation reads
 * the same rule for many people at once (currentCommunesSql), so a person is proposed by the rule
 * set of the territory whose simulation counts them, and by no other.
 */
export function currentCommuneSql(person: string): string {
  return `(SELECT cur_d.commune_insee FROM beneficiary_member cur_m ${CURRENT_DOSSIER_JOINS}
            WHERE cur_m.person_id = ${person} AND ${CURRENT_DOSSIER_WHERE}
            ORDER BY ${CURRENT_DOSSIER_ORDER} LIMIT 1)`;
}

/**
 * currentCommuneSql for many people in one pass: `person_id, commune_insee` for each person of
 * `people` (the name of a CTE or a subquery with a `person_id` column).
 */
export function currentCommunesSql(people: string): string {
  return `SELECT DISTINCT ON (cur_m.person_id) cur_m.person_id, cur_d.commune_insee
            FROM ${people} cur_c JOIN beneficiary_member cur_m ON cur_m.person_id = cur_c.person_id ${CURRENT_DOSSIER_JOINS}
           WHERE ${CURRENT_DOSSIER_WHERE}
           ORDER BY cur_m.person_id, ${CURRENT_DOSSIER_ORDER}`;
}

/**
 * The person, their open path, the RSA request date of the path's dossier (else of the most
 * recently updated dossier they are still attached to), and where they live now (currentCommuneSql).
 */
export async function personFacts(runner: SqlRunner, personId: string): Promise<PersonFacts> {
  const [row] = await runner.query<{
    birth_date: string;
    anonymised: boolean;
    path_id: string | null;
    origin: 'flux' | 'stock' | null;
    rsa_since: string | null;
    commune_insee: string | null;
    territory_id: string | null;
    supported: boolean;
  }>(
    `SELECT to_char(pe.dtnai, 'YYYY-MM-DD') AS birth_date, pe.anonymised_at IS NOT NULL AS anonymised, op.id AS path_id, op.origin,
            to_char(cd.dtdemrsa, 'YYYY-MM-DD') AS rsa_since, here.commune_insee, tc.territory_id,
            (EXISTS (SELECT 1 FROM orientation_period o WHERE o.person_id = pe.id AND o.ends_on IS NULL AND o.referent_id IS NOT NULL)
             OR EXISTS (SELECT 1 FROM access_case_grant g WHERE g.person_id = pe.id AND g.basis = 'referent' AND g.revoked_at IS NULL
                          AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()))) AS supported
       FROM beneficiary_person pe
       LEFT JOIN LATERAL (SELECT p.id, p.origin, p.dossier_id FROM beneficiary_path p WHERE p.person_id = pe.id AND p.status = 'open' LIMIT 1) op ON TRUE
       LEFT JOIN LATERAL (SELECT d.id, d.dtdemrsa FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
                           WHERE m.person_id = pe.id AND (m.detached_at IS NULL OR d.id = op.dossier_id)
                           ORDER BY (d.id = op.dossier_id) DESC NULLS LAST, d.updated_at DESC LIMIT 1) cd ON TRUE
       LEFT JOIN LATERAL (SELECT ${currentCommuneSql('pe.id')} AS commune_insee) here ON TRUE
       LEFT JOIN access_territory_commune tc ON tc.insee = here.commune_insee
      WHERE pe.id = $1`,
    [personId],
  );
  if (!row) throw new OrientationError(OrientationErrorCode.PersonNotFound, 'No beneficiary with this id', { personId });
  return {
    personId,
    birthDate: row.birth_date,
    anonymised: row.anonymised,
    pathId: row.path_id,
    origin: row.origin,
    rsaSince: row.rsa_since,
    territoryId: row.territory_id,
    departement: departementOf(row.commune_insee),
    inIntensiveSupport: row.supported,
  };
}

/** The person's facts for a write (a diagnostic, a decision): an anonymised file takes none. */
export async function writableFacts(runner: SqlRunner, personId: string): Promise<PersonFacts> {
  const facts = await personFacts(runner, personId);
  if (facts.anonymised) throw new OrientationError(OrientationErrorCode.DiagnosticInvalid, 'This file is anonymised: nothing more is written on it', { personId });
  return facts;
}

/**
 * Who may be named as a diagnostic's author: the roles that accompany people, a partner operator
 * included (the other half of a binôme, L3151, though partners do not write diagnostics themselves).
 */
export const AUTHOR_ROLES: readonly Role[] = ACCOMPANYING_ROLES;
/** Who may be named as an orientation's decider: the roles that decide orientations. */
export const DECIDER_ROLES: readonly Role[] = ALL_ROLES.filter((role) => ROLE_DEFINITIONS[role].permissions.includes(Permission.OrientationDecide));

/**
 * The professionals among `ids` with an active habilitation on `day` in one of `roles`, and
 * whether they work for France Travail.
 */
export async function activeProfessionals(runner: SqlRunner, ids: readonly string[], day: string, roles: readonly Role[]): Promise<Map<string, { franceTravail: boolean }>> {
  const rows = await runner.query<{ id: string; france_travail: boolean }>(
    `SELECT h.professional_id AS id, bool_or(s.kind = 'france-travail-agency') AS france_travail
       FROM access_habilitation h JOIN access_structure s ON s.id = h.structure_id
      WHERE h.professional_id = ANY($1::uuid[]) AND h.revoked_at IS NULL AND h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to >= $2::date)
        AND h.role = ANY($3::varchar[])
      GROUP BY h.professional_id`,
    [ids, day, roles],
  );
  return new Map(rows.map((r) => [r.id, { franceTravail: r.france_travail }]));
}

/** Professionals with an active coordinator habilitation on the territory (their own, or their structure's). */
export async function territoryCoordinators(runner: SqlRunner, territoryId: string, day: string): Promise<string[]> {
  const rows = await runner.query<{ id: string }>(
    `SELECT DISTINCT h.professional_id AS id FROM access_habilitation h JOIN access_structure s ON s.id = h.structure_id
      WHERE h.role = 'coordinator' AND COALESCE(h.territory_id, s.territory_id) = $1 AND h.revoked_at IS NULL
        AND h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to >= $2::date)
      ORDER BY 1`,
    [territoryId, day],
  );
  return rows.map((r) => r.id);
}

export async function requireTerritoryExists(runner: SqlRunner, territoryId: string): Promise<void> {
  const [row] = await runner.query(`SELECT 1 FROM access_territory WHERE id = $1`, [territoryId]);
  if (!row) throw new OrientationError(OrientationErrorCode.TerritoryNotFound, 'No such territory', { territoryId });
}

/**
 * A territory's orientation settings (rule sets, target mix, simulations): the administrator who
 * holds `OrientationRules` sets them for every territory (no beneficiary data in them); a
 * territorial role (coordinator, project team) works on its own territory with `permission`.
 */
export async function requireTerritorySetting(policy: AccessPolicy, actor: Actor, permission: Permission, territoryId: string, action: string): Promise<void> {
  const context = { action, target: { type: 'territory', id: territoryId } };
  if (hasPermission(actor, Permission.OrientationRules)) return policy.require(actor, permission, context);
  return policy.requireTerritory(actor, permission, territoryId, context);
}

/** Any one of the permissions (routes open to several roles for different reasons). */
export async function requireAny(policy: AccessPolicy, actor: Actor, permissions: readonly Permission[], action: string, target: { type: string; id: string | null }): Promise<void> {
  if (permissions.some((p) => hasPermission(actor, p))) return;
  await policy.refuse(actor, { action, target }, new AccessDeniedError(AccessErrorCode.Forbidden, `This role may not do this (${permissions.join(' or ')})`, { permissions }));
}

/** The professional behind a user actor (null for the system). */
export const professionalOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.professionalId : null);

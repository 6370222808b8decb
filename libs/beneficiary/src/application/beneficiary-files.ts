import type { Pool } from 'pg';
import { checkNir, hasPermission, maskNir, nirKey, Permission, type Actor } from '@rsa/kernel';
import { scopeOf, type AccessPolicy, type CaseGrants } from '@rsa/access';
import { SqlParams, sqlRunnerOf, type AuditTrail } from '@rsa/platform';
import { BeneficiaryError, BeneficiaryErrorCode } from '../domain/beneficiary-errors';
import { normaliseName } from '../domain/identity-key';
import type { NirVault } from '../infrastructure/nir-vault';
import { personVisibleSql, type PersonAccess } from './person-access';
import type { PersonData } from './person-data';

export interface SearchCriteria {
  /** Start of the birth or usage name (accents, case and punctuation ignored). */
  name?: string;
  prenom?: string;
  dtnai?: string;
  /** 13 or 15 characters: found through the keyed digest, never compared in clear. */
  nir?: string;
  numdemrsa?: string;
  matricule?: string;
  communeInsee?: string;
  pathStatus?: 'open' | 'closed';
  limit: number;
  offset: number;
}

export interface BeneficiaryListItem {
  id: string;
  qual: string | null;
  nom: string;
  nomnai: string;
  prenom: string;
  dtnai: string;
  sexe: string | null;
  numdemrsa: string | null;
  communeInsee: string | null;
  roleRsa: string | null;
  etatdosrsa: string | null;
  pathStatus: string | null;
  convocationDeadline: string | null;
}

/** The current dossier of a person (not detached, latest update) and their latest path. */
const CURRENT = `
  LEFT JOIN LATERAL (
    SELECT d.numdemrsa, d.matricule, d.commune_insee, d.etatdosrsa, m.role_rsa
      FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id
     WHERE m.person_id = p.id AND m.detached_at IS NULL ORDER BY d.updated_at DESC LIMIT 1) cur ON TRUE
  LEFT JOIN LATERAL (
    SELECT status, convocation_deadline FROM beneficiary_path WHERE person_id = p.id ORDER BY opened_at DESC LIMIT 1) path ON TRUE`;

const LIST_COLUMNS = `p.id, p.qual, p.nom, p.nomnai, p.prenom, to_char(p.dtnai, 'YYYY-MM-DD') AS dtnai, p.sexe,
  cur.numdemrsa, cur.commune_insee AS "communeInsee", cur.role_rsa AS "roleRsa", cur.etatdosrsa,
  path.status AS "pathStatus", to_char(path.convocation_deadline, 'YYYY-MM-DD') AS "convocationDeadline"`;

const NIR_REVEAL_ACTION = 'beneficiary.nir.read';

/** A user's text inside a LIKE pattern: its own `%` and `_` are letters, not wildcards. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The read side of a beneficiary's file (the referent's screen): search, the file itself with the
 * NIR masked, the NIR in clear with a reason, and the complete export of a data-subject request.
 * Every read is audited with the people it concerns, refusals included.
 */
export class BeneficiaryFiles {
  constructor(
    private readonly pool: Pool,
    private readonly access: PersonAccess,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    private readonly vault: NirVault,
    private readonly grants: CaseGrants,
    /** What the other contexts hold on the person (convocations, orientation, contracts), for the export. */
    private readonly personData: PersonData,
  ) {}

  async search(actor: Actor, criteria: SearchCriteria): Promise<{ items: BeneficiaryListItem[]; total: number; limit: number; offset: number }> {
    const action = 'beneficiary.search';
    await this.policy.require(actor, Permission.BeneficiaryList, { action });
    // Who may not see a NIR may not look one up either: a hit confirms a NIR tried order number by
    // order number from the sex, birth month and commune the file shows (the refusal is audited).
    if (criteria.nir) await this.policy.require(actor, Permission.BeneficiaryReadNir, { action: 'beneficiary.search.nir' });
    const params = new SqlParams();
    const where = [`p.anonymised_at IS NULL`, personVisibleSql(scopeOf(actor), 'p.id', params)];
    if (criteria.name) {
      // The birth name starts the identity key (letters only, no accents); the usage name as typed.
      const letters = normaliseName(criteria.name);
      const byBirthName = letters ? `p.identity_key LIKE ${params.add(`${letters}%`)} OR ` : '';
      where.push(`(${byBirthName}upper(p.nom) LIKE ${params.add(`${likeEscaped(criteria.name.toUpperCase())}%`)})`);
    }
    if (criteria.prenom) where.push(`p.identity_key LIKE ${params.add(`%|${normaliseName(criteria.prenom)}|%`)}`);
    if (criteria.dtnai) where.push(`p.dtnai = ${params.add(criteria.dtnai)}`);
    if (criteria.nir) {
      const nir = checkNir(criteria.nir);
      // An impossible NIR matches nobody; saying so is more useful than an empty list.
      if (!nir.valid || !nir.nir13) throw new BeneficiaryError(BeneficiaryErrorCode.InvalidNir, 'This is not a valid NIR (13 characters, or 15 with a matching key)');
      where.push(`p.nir_hash = ${params.add(this.vault.lookupHash(nir.nir13))}`);
    }
    if (criteria.numdemrsa || criteria.matricule || criteria.communeInsee) {
      where.push(`EXISTS (SELECT 1 FROM beneficiary_member sm JOIN beneficiary_dossier sd ON sd.id = sm.dossier_id WHERE sm.person_id = p.id AND sm.detached_at IS NULL
        ${criteria.numdemrsa ? `AND sd.numdemrsa = ${params.add(criteria.numdemrsa)}` : ''}
        ${criteria.matricule ? `AND sd.matricule = ${params.add(criteria.matricule)}` : ''}
        ${criteria.communeInsee ? `AND sd.commune_insee = ${params.add(criteria.communeInsee)}` : ''})`);
    }
    if (criteria.pathStatus) where.push(`path.status = ${params.add(criteria.pathStatus)}`);
    const from = `FROM beneficiary_person p ${CURRENT} WHERE ${where.join(' AND ')}`;
    const n = params.values.length;
    const [items, total] = await Promise.all([
      this.pool.query<BeneficiaryListItem>(`SELECT ${LIST_COLUMNS} ${from} ORDER BY p.nom, p.prenom, p.id LIMIT $${n + 1} OFFSET $${n + 2}`, [...params.values, criteria.limit, criteria.offset]),
      this.pool.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params.values),
    ]);
    await this.audit.record({
      actor,
      action,
      outcome: 'allowed',
      subjectIds: items.rows.map((r) => r.id),
      // Which criteria were used, not their values (a name or a NIR is personal data).
      detail: { criteria: Object.keys(criteria).filter((k) => k !== 'limit' && k !== 'offset' && criteria[k as keyof SearchCriteria] !== undefined), returned: items.rows.length, total: total.rows[0].n },
    });
    return { items: items.rows, total: total.rows[0].n, limit: criteria.limit, offset: criteria.offset };
  }

  /**
   * The file: identity (NIR masked), contact, dossiers and their origin, paths, rights, shares, and
   * `sameHumanAs`, the other records an operator's review found to be the same human (same-human.ts).
   */
  async get(actor: Actor, personId: string) {
    const action = 'beneficiary.read';
    const { anonymised } = await this.access.require(actor, Permission.BeneficiaryRead, personId, action);
    const [person, contact, dossiers, paths, history, rectifications, grants] = await Promise.all([
      this.pool.query(
        `SELECT id, qual, nom, nomnai, prenom, prenom2, prenom3, nomcomnai, to_char(dtnai, 'YYYY-MM-DD') AS dtnai, typedtnai, rgnai, sexe,
                nir_status AS "nirStatus", nir_encrypted, created_at AS "createdAt", updated_at AS "updatedAt", anonymised_at AS "anonymisedAt",
                ARRAY(SELECT o.id::text FROM beneficiary_person o WHERE o.human_id = x.human_id AND o.id <> x.id ORDER BY o.id) AS "sameHumanAs"
           FROM beneficiary_person x WHERE id = $1`,
        [personId],
      ),
      this.contactOf(personId),
      this.pool.query(
        `SELECT d.id AS "dossierId", d.numdemrsa, d.matricule, d.fonorg, d.numorg, to_char(d.dtdemrsa, 'YYYY-MM-DD') AS dtdemrsa, d.etatdosrsa,
                d.rights_detail AS "rightsDetail", d.sitfam, d.topsansdomfixe, d.commune_insee AS "communeInsee",
                (SELECT tc.territory_id FROM access_territory_commune tc WHERE tc.insee = d.commune_insee) AS "territoryId",
                (SELECT a FROM jsonb_array_elements(d.addresses) a WHERE ltrim(a->>'rgadr', '0') = '1' LIMIT 1) AS address,
                m.role_rsa AS "roleRsa", m.toppersdrodevorsa, m.detached_at AS "detachedAt",
                d.first_file_id AS "firstFileId", to_char(d.first_flux_date, 'YYYY-MM-DD') AS "firstFluxDate",
                s.last_file_id AS "lastFileId", s.last_flux_at AS "lastFluxAt", to_char(s.not_seen_in_stock_since, 'YYYY-MM-DD') AS "notSeenInStockSince"
           FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id JOIN beneficiary_dossier_seen s ON s.dossier_id = d.id
          WHERE m.person_id = $1 ORDER BY m.detached_at NULLS FIRST, d.updated_at DESC`,
        [personId],
      ),
      this.pool.query(
        `SELECT id, status, origin, role_rsa AS "roleRsa", dossier_id AS "dossierId", to_char(notification_date, 'YYYY-MM-DD') AS "notificationDate",
                to_char(convocation_deadline, 'YYYY-MM-DD') AS "convocationDeadline", opened_at AS "openedAt", opened_by_file_id AS "openedByFileId",
                closed_at AS "closedAt", close_reason AS "closeReason"
           FROM beneficiary_path WHERE person_id = $1 ORDER BY opened_at DESC`,
        [personId],
      ),
      this.pool.query(
        `SELECT dossier_id AS "dossierId", etatdosrsa, toppersdrodevorsa, to_char(flux_date, 'YYYY-MM-DD') AS "fluxDate", file_id AS "fileId"
           FROM beneficiary_rights_history WHERE person_id = $1 ORDER BY flux_date DESC, id DESC LIMIT 100`,
        [personId],
      ),
      this.pool.query(
        `SELECT id, field, reason_code AS "reasonCode", status, requested_at AS "requestedAt", closed_at AS "closedAt"
           FROM beneficiary_rectification WHERE person_id = $1 ORDER BY requested_at DESC`,
        [personId],
      ),
      this.grants.listForPerson(personId),
    ]);
    const { nir_encrypted: sealed, nirStatus, ...identity } = person.rows[0];
    const nir13 = sealed && hasPermission(actor, Permission.BeneficiaryReadNir) ? this.vault.decrypt(sealed) : null;
    await this.audit.record({ actor, action, outcome: 'allowed', target: { type: 'person', id: personId }, subjectIds: [personId] });
    return {
      ...identity,
      anonymised,
      // Masked for those who may see it in clear on request; hidden altogether from the others (partner operators).
      nir: { status: nirStatus, masked: hasPermission(actor, Permission.BeneficiaryReadNir) ? maskNir(nir13) : null },
      contact,
      dossiers: dossiers.rows,
      paths: paths.rows,
      rightsHistory: history.rows,
      rectifications: rectifications.rows,
      grants,
    };
  }

  /** The NIR in clear, for a stated reason (France Travail registration, a CAF exchange…). */
  async revealNir(actor: Actor, personId: string, reasonCode: string | undefined) {
    const target = { type: 'person', id: personId };
    await this.policy.require(actor, Permission.BeneficiaryReadNir, { action: NIR_REVEAL_ACTION, target, subjectIds: [personId] });
    const reason = await this.policy.requireReason(actor, 'nirRead', reasonCode, { action: NIR_REVEAL_ACTION, target, subjectIds: [personId] });
    const { anonymised } = await this.access.require(actor, Permission.BeneficiaryReadNir, personId, NIR_REVEAL_ACTION);
    if (anonymised) throw new BeneficiaryError(BeneficiaryErrorCode.Anonymised, 'This file was anonymised at the end of its retention period');
    const { rows } = await this.pool.query<{ nir_encrypted: Buffer | null }>(`SELECT nir_encrypted FROM beneficiary_person WHERE id = $1`, [personId]);
    const sealed = rows[0]?.nir_encrypted ?? null;
    if (!sealed) throw new BeneficiaryError(BeneficiaryErrorCode.NoNir, 'The CAF has not sent a valid NIR for this person');
    const nir13 = this.vault.decrypt(sealed);
    await this.audit.record({ actor, action: NIR_REVEAL_ACTION, outcome: 'allowed', target, subjectIds: [personId], reasonCode: reason });
    return { nir13, key: nirKey(nir13), nir: `${nir13}${nirKey(nir13)}` };
  }

  /**
   * Everything held on one person, machine-readable (data-subject access request, GDPR art. 15):
   * identity with the NIR, contact, every dossier with all the CAF sent, memberships, rights history
   * and events, paths, anomalies and rejects that name them, shares, rectifications, and who read or
   * changed their file (the audit trail). Needs the export permission, which no role implies.
   */
  async export(actor: Actor, personId: string, reasonCode: string | undefined, reference: string | undefined) {
    const action = 'beneficiary.export';
    const target = { type: 'person', id: personId };
    await this.policy.require(actor, Permission.BeneficiaryExport, { action, target, subjectIds: [personId] });
    const reason = await this.policy.requireReason(actor, 'export', reasonCode, { action, target, subjectIds: [personId] });
    await this.access.require(actor, Permission.BeneficiaryExport, personId, action);
    const q = async (sql: string) => (await this.pool.query(sql, [personId])).rows;
    const [person] = await q(`SELECT * FROM beneficiary_person WHERE id = $1`);
    const { nir_encrypted: sealed, nir_hash: _digest, identity_hash: _identityHash, identity_key: _identityKey, ...identity } = person;
    const sections = {
      identity: { ...identity, nir: sealed ? this.vault.decrypt(sealed) : null },
      contact: await this.contactOf(personId),
      memberships: await q(`SELECT m.*, d.numdemrsa FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id WHERE m.person_id = $1 ORDER BY m.created_at`),
      dossiers: await q(
        `SELECT d.*, s.last_flux_at, s.last_file_id, s.last_stock_file_id, s.not_seen_in_stock_since
           FROM beneficiary_dossier d JOIN beneficiary_dossier_seen s ON s.dossier_id = d.id
          WHERE d.id IN (SELECT dossier_id FROM beneficiary_member WHERE person_id = $1) ORDER BY d.created_at`,
      ),
      rightsHistory: await q(`SELECT * FROM beneficiary_rights_history WHERE person_id = $1 ORDER BY flux_date, id`),
      rightsEvents: await q(
        `SELECT * FROM beneficiary_rights_event WHERE person_id = $1 OR (person_id IS NULL AND dossier_id IN (SELECT dossier_id FROM beneficiary_member WHERE person_id = $1)) ORDER BY flux_date, id`,
      ),
      paths: await q(`SELECT * FROM beneficiary_path WHERE person_id = $1 ORDER BY opened_at`),
      intakeAnomalies: await q(`SELECT id::text, file_id, kind, numdemrsa, detail, status, created_at FROM intake_anomaly WHERE person_id = $1 OR other_person_id = $1 ORDER BY id`),
      intakeRejects: await q(
        `SELECT id::text, file_id, ordinal, numdemrsa, path, message, created_at FROM intake_reject
          WHERE numdemrsa IN (SELECT d.numdemrsa FROM beneficiary_member m JOIN beneficiary_dossier d ON d.id = m.dossier_id WHERE m.person_id = $1) ORDER BY id`,
      ),
      grants: await this.grants.listForPerson(personId),
      rectifications: (await q(`SELECT * FROM beneficiary_rectification WHERE person_id = $1 ORDER BY requested_at`)).map(
        ({ requested_nir_encrypted: sealed, ...rectification }) => ({ ...rectification, requested_value: sealed ? this.vault.decrypt(sealed) : rectification.requested_value }),
      ),
      accesses: await q(
        `SELECT seq::text, at, actor_kind, actor_role, actor_structure_id, channel, action, outcome, reason_code FROM audit_event WHERE subject_ids @> ARRAY[$1::uuid] ORDER BY audit_event.seq`,
      ),
      // Each context loaded in this process adds its part under its name: `convocation`, `orientation`.
      ...(await this.personData.of(sqlRunnerOf(this.pool), personId)),
    };
    await this.audit.record({ actor, action, outcome: 'allowed', target, subjectIds: [personId], reasonCode: reason, detail: { reference: reference ?? null } });
    return { format: 'rsa-parcours.data-subject-export.v1', generatedAt: new Date().toISOString(), personId, reasonCode: reason, reference: reference ?? null, ...sections };
  }

  private async contactOf(personId: string) {
    const { rows } = await this.pool.query(
      `SELECT phone, email, sms_consent AS "smsConsent", email_consent AS "emailConsent", consent_at AS "consentAt", updated_at AS "updatedAt"
         FROM beneficiary_contact WHERE person_id = $1`,
      [personId],
    );
    return rows[0] ?? null;
  }
}

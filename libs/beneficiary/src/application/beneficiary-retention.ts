import type { Pool } from 'pg';
import { ADVISORY_LOCKS, sqlRunnerOf, type SqlRunner } from '@rsa/platform';

export interface AnonymisationResult {
  persons: number;
  dossiers: number;
  auditEntries: number;
}

const BATCH = 1000;

/**
 * Retention of beneficiaries' identities: a person with no open path, no dossier of theirs (one they
 * have not left) carried by a CAF file since `cutoff`, and no change to their file since then is
 * anonymised. Names, NIR (ciphertext
 * and digest), birth day and month, contact details, the per-person CAF blocks (resources,
 * activities…), requested rectification values and the sensitive part of the audit entries that
 * concern them are removed; the person id, sex, birth year, roles, rights history and paths stay for
 * the statistics the State funds against. A dossier whose members are all anonymised loses its
 * addresses and CAF blocks (the commune stays). Batches of a thousand, each in one transaction.
 */
export class BeneficiaryRetention {
  constructor(private readonly pool: Pool) {}

  /**
   * `onBatch` runs in each batch's transaction with the persons it anonymised (the caller's audit
   * entry naming them, so each person's trail shows the change).
   */
  async anonymiseInactiveBefore(cutoff: Date, apply: boolean, onBatch?: (runner: SqlRunner, personIds: string[]) => Promise<void>): Promise<AnonymisationResult> {
    const candidates = `
      SELECT p.id FROM beneficiary_person p
       WHERE p.anonymised_at IS NULL AND p.updated_at < $1
         AND NOT EXISTS (SELECT 1 FROM beneficiary_path bp WHERE bp.person_id = p.id AND (bp.status = 'open' OR bp.closed_at >= $1))
         AND NOT EXISTS (SELECT 1 FROM beneficiary_member m JOIN beneficiary_dossier_seen s ON s.dossier_id = m.dossier_id
                          WHERE m.person_id = p.id AND ((m.detached_at IS NULL AND s.last_flux_at >= $1) OR m.updated_at >= $1))
         AND NOT EXISTS (SELECT 1 FROM beneficiary_contact c WHERE c.person_id = p.id AND c.updated_at >= $1)`;
    if (!apply) {
      // What the apply would do, counted the same way: dossiers left with no member in clear, audit entries with a sensitive part.
      const { rows } = await this.pool.query<AnonymisationResult>(
        `WITH c AS (${candidates})
         SELECT (SELECT count(*) FROM c)::int AS persons,
                (SELECT count(*) FROM beneficiary_dossier d
                  WHERE d.id IN (SELECT dossier_id FROM beneficiary_member WHERE person_id IN (SELECT id FROM c))
                    AND NOT EXISTS (SELECT 1 FROM beneficiary_member m JOIN beneficiary_person p ON p.id = m.person_id
                                     WHERE m.dossier_id = d.id AND p.anonymised_at IS NULL AND p.id NOT IN (SELECT id FROM c)))::int AS dossiers,
                (SELECT count(*) FROM audit_event WHERE subject_ids && (SELECT coalesce(array_agg(id), '{}') FROM c) AND sensitive IS NOT NULL AND anonymised_at IS NULL)::int AS "auditEntries"`,
        [cutoff],
      );
      return rows[0];
    }
    const total: AnonymisationResult = { persons: 0, dossiers: 0, auditEntries: 0 };
    for (;;) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        // Never while a CAF file is being applied: it could be bringing this very person back.
        await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.beneficiaryWrites]);
        const { rows } = await client.query<{ id: string }>(`${candidates} ORDER BY p.id LIMIT ${BATCH} FOR UPDATE OF p SKIP LOCKED`, [cutoff]);
        if (rows.length === 0) {
          await client.query('ROLLBACK');
          return total;
        }
        const ids = rows.map((r) => r.id);
        await client.query(
          `UPDATE beneficiary_person SET qual = NULL, nom = '', nomnai = '', prenom = '', prenom2 = NULL, prenom3 = NULL, nomcomnai = NULL,
                  dtnai = date_trunc('year', dtnai)::date, typedtnai = 'O', rgnai = NULL, topvaliec = NULL,
                  nir_encrypted = NULL, nir_hash = NULL, nir_status = 'absent', identity_key = 'ANONYMISED|' || id::text, identity_hash = '',
                  anonymised_at = now(), updated_at = now()
            WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        await client.query(`DELETE FROM beneficiary_contact WHERE person_id = ANY($1::uuid[])`, [ids]);
        await client.query(`UPDATE beneficiary_member SET blocks = '{}'::jsonb, idassedic = NULL, mtpersressmenrsa = NULL WHERE person_id = ANY($1::uuid[])`, [ids]);
        await client.query(`UPDATE beneficiary_rectification SET requested_value = NULL, requested_nir_encrypted = NULL WHERE person_id = ANY($1::uuid[])`, [ids]);
        const dossiers = await client.query(
          `UPDATE beneficiary_dossier d SET addresses = '[]'::jsonb, blocks = '{}'::jsonb, rights_detail = '{}'::jsonb, updated_at = now()
            WHERE d.id IN (SELECT dossier_id FROM beneficiary_member WHERE person_id = ANY($1::uuid[]))
              AND NOT EXISTS (SELECT 1 FROM beneficiary_member m JOIN beneficiary_person p ON p.id = m.person_id
                               WHERE m.dossier_id = d.id AND p.anonymised_at IS NULL)`,
          [ids],
        );
        const audit = await client.query(
          `UPDATE audit_event SET sensitive = '{"anonymised": true}'::jsonb, anonymised_at = now()
            WHERE subject_ids && $1::uuid[] AND sensitive IS NOT NULL AND anonymised_at IS NULL`,
          [ids],
        );
        await onBatch?.(sqlRunnerOf(client), ids);
        await client.query('COMMIT');
        total.persons += ids.length;
        total.dossiers += dossiers.rowCount ?? 0;
        total.auditEntries += audit.rowCount ?? 0;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  }
}

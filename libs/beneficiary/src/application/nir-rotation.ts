import type { Pool } from 'pg';
import { checkNir, Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { ADVISORY_LOCKS, byteaValue, inPgTransaction, type AuditTrail, type SqlRunner } from '@rsa/platform';
import type { NirVault } from '../infrastructure/nir-vault';

export interface NirRotationResult {
  persons: number;
  reencrypted: number;
  rehashed: number;
  /** Requested NIRs of rectification requests re-sealed (or sealed, for one stored in clear before they were). */
  rectifications: number;
  currentKeyId: number;
}

const BATCH = 2000;

/**
 * True while the stored look-up digests lag behind the current NIR_HASH_KEY: after the key changed
 * and until `nir:rotate` has run to the end. An import then would not find its people by NIR and
 * would make them anew (a second record, a second path, a second convocation), so it waits.
 * The rotation goes through persons in id order and an import cannot run meanwhile, so the last
 * person holding a NIR is the last re-keyed: one digest tells.
 */
export async function nirDigestsBehind(runner: SqlRunner, vault: NirVault): Promise<boolean> {
  const [last] = await runner.query<{ nir_encrypted: Buffer; nir_hash: string | null }>(
    `SELECT nir_encrypted, nir_hash FROM beneficiary_person WHERE nir_encrypted IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  return last !== undefined && vault.lookupHash(vault.decrypt(last.nir_encrypted)) !== last.nir_hash;
}

/**
 * Key rotation of stored NIRs, after NIR_ENCRYPTION_KEY_ID / NIR_ENCRYPTION_KEY changed (the old key
 * in NIR_PREVIOUS_ENCRYPTION_KEYS) and, optionally, NIR_HASH_KEY (the old one in
 * NIR_PREVIOUS_HASH_KEY): every NIR not sealed with the current key is re-encrypted, and every
 * digest recomputed under the current look-up key. Batches in their own transactions, under the
 * lock imports take (a file applied half with the old digests would miss its people). Idempotent: a
 * second run finds nothing to do. Until it has run to the end after the look-up key changed, imports
 * wait (nirDigestsBehind). Re-sealing is not a change to the person's file: `updated_at`, which the
 * retention's inactivity rule reads, stays as it was.
 */
export class NirRotation {
  constructor(
    private readonly pool: Pool,
    private readonly vault: NirVault,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
  ) {}

  async run(actor: Actor): Promise<NirRotationResult> {
    await this.policy.require(actor, Permission.NirRotate, { action: 'nir.rotate' });
    const result: NirRotationResult = { persons: 0, reencrypted: 0, rehashed: 0, rectifications: 0, currentKeyId: this.vault.keyId };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.beneficiaryWrites]);
        const { rows } = await client.query<{ id: string; nir_encrypted: Buffer; nir_hash: string | null }>(
          `SELECT id, nir_encrypted, nir_hash FROM beneficiary_person WHERE nir_encrypted IS NOT NULL AND id > $1 ORDER BY id LIMIT ${BATCH}`,
          [after],
        );
        if (rows.length === 0) {
          await client.query('COMMIT');
          break;
        }
        const changes: { id: string; sealed: string; hash: string }[] = [];
        for (const row of rows) {
          const nir13 = this.vault.decrypt(row.nir_encrypted);
          const hash = this.vault.lookupHash(nir13);
          const reencrypt = !this.vault.isCurrent(row.nir_encrypted);
          if (!reencrypt && hash === row.nir_hash) continue;
          if (reencrypt) result.reencrypted++;
          if (hash !== row.nir_hash) result.rehashed++;
          changes.push({ id: row.id, sealed: byteaValue(reencrypt ? this.vault.encrypt(nir13) : row.nir_encrypted), hash });
        }
        if (changes.length > 0) {
          await client.query(
            `UPDATE beneficiary_person p SET nir_encrypted = x.sealed, nir_hash = x.hash
               FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, sealed bytea, hash varchar) WHERE p.id = x.id`,
            [JSON.stringify(changes)],
          );
        }
        await client.query('COMMIT');
        result.persons += rows.length;
        after = rows[rows.length - 1].id;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    result.rectifications = await this.resealRectifications();
    await this.audit.record({ actor, action: 'nir.rotate', outcome: 'allowed', detail: { ...result } });
    return result;
  }

  /** The NIRs people asked the CAF to correct: few, so in one transaction. */
  private async resealRectifications(): Promise<number> {
    return inPgTransaction(this.pool, async (sql) => {
      const rows = await sql.query<{ id: string; requested_value: string | null; requested_nir_encrypted: Buffer | null }>(
        `SELECT id, requested_value, requested_nir_encrypted FROM beneficiary_rectification
          WHERE field = 'nir' AND (requested_nir_encrypted IS NOT NULL OR requested_value IS NOT NULL) FOR UPDATE`,
      );
      const changes: { id: string; sealed: string }[] = [];
      for (const row of rows) {
        if (row.requested_nir_encrypted !== null) {
          if (!this.vault.isCurrent(row.requested_nir_encrypted)) changes.push({ id: row.id, sealed: byteaValue(this.vault.encrypt(this.vault.decrypt(row.requested_nir_encrypted))) });
          continue;
        }
        // Stored in clear before requested NIRs were sealed: sealed now when it is a NIR, dropped otherwise.
        const nir13 = checkNir(row.requested_value).nir13;
        changes.push({ id: row.id, sealed: nir13 === null ? '' : byteaValue(this.vault.encrypt(nir13)) });
      }
      if (changes.length > 0) {
        await sql.query(
          `UPDATE beneficiary_rectification r SET requested_nir_encrypted = NULLIF(x.sealed, '')::bytea, requested_value = NULL
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, sealed text) WHERE r.id = x.id`,
          [JSON.stringify(changes)],
        );
      }
      return changes.length;
    });
  }
}

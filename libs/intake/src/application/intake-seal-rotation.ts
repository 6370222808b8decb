import type { Pool } from 'pg';
import type { AccessPolicy } from '@rsa/access';
import type { NirVault } from '@rsa/beneficiary';
import { Permission, type Actor } from '@rsa/kernel';
import { ADVISORY_LOCKS, byteaValue, inPgTransaction, type AuditTrail } from '@rsa/platform';
import { openStoredRaw, PLAIN_GZIP, PLAIN_XML } from './stored-raw';

export interface SealRotationResult {
  /** Raw batches and rejects read (purged rejects, empty, are not). */
  rawBatches: number;
  rejects: number;
  /** Of those, sealed again under the current key (or sealed for the first time: rows from before sealing). */
  resealed: number;
}

const BATCH = 200;

/**
 * The intake's share of a key rotation (`nir:rotate`): the raw XML it keeps (raw batches, rejects)
 * is sealed with the NIR encryption key, so it is sealed again under the current key, and rows
 * written before sealing existed (plain gzip, plain XML) are sealed now. Batches in their own
 * transactions, under the lock imports take. Idempotent.
 */
export class IntakeSealRotation {
  constructor(
    private readonly pool: Pool,
    private readonly vault: NirVault,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
  ) {}

  async run(actor: Actor): Promise<SealRotationResult> {
    await this.policy.require(actor, Permission.NirRotate, { action: 'intake.reseal' });
    const result: SealRotationResult = { rawBatches: 0, rejects: 0, resealed: 0 };
    result.rawBatches = await this.rotate(
      (after) => ({
        text: `SELECT file_id::text AS file_id, seq, gz AS sealed FROM intake_raw_batch
                WHERE $1::uuid IS NULL OR (file_id, seq) > ($1::uuid, $2::int) ORDER BY file_id, seq LIMIT ${BATCH}`,
        values: after === null ? [null, null] : [after.file_id, after.seq],
      }),
      `UPDATE intake_raw_batch b SET gz = x.sealed FROM jsonb_to_recordset($1::jsonb) AS x(file_id uuid, seq int, sealed bytea) WHERE b.file_id = x.file_id AND b.seq = x.seq`,
      (row) => ({ file_id: row.file_id, seq: row.seq }),
      PLAIN_GZIP,
      result,
    );
    result.rejects = await this.rotate(
      (after) => ({
        text: `SELECT id::text AS id, raw_xml AS sealed FROM intake_reject WHERE length(raw_xml) > 0 AND id > $1::bigint ORDER BY id LIMIT ${BATCH}`,
        values: [after === null ? '0' : after.id],
      }),
      `UPDATE intake_reject r SET raw_xml = x.sealed FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, sealed bytea) WHERE r.id = x.id`,
      (row) => ({ id: row.id }),
      PLAIN_XML,
      result,
    );
    await this.audit.record({ actor, action: 'intake.reseal', outcome: 'allowed', detail: { ...result, currentKeyId: this.vault.keyId } });
    return result;
  }

  /** Reads page by page (after the last row's key), seals again what is not under the current key. */
  private async rotate<Key extends Record<string, unknown>>(
    page: (after: Key | null) => { text: string; values: unknown[] },
    update: string,
    keyOf: (row: Key & { sealed: Buffer }) => Key,
    plainFirstByte: number,
    result: SealRotationResult,
  ): Promise<number> {
    let after: Key | null = null;
    let read = 0;
    for (;;) {
      const rows = await inPgTransaction(this.pool, async (runner) => {
        await runner.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.beneficiaryWrites]);
        const { text, values } = page(after);
        const found = await runner.query<Key & { sealed: Buffer }>(text, values);
        const changes: object[] = [];
        for (const row of found) {
          if (this.vault.isCurrentBytes(row.sealed)) continue;
          changes.push({ ...keyOf(row), sealed: byteaValue(this.vault.sealBytes(openStoredRaw(this.vault, row.sealed, plainFirstByte))) });
        }
        if (changes.length > 0) await runner.query(update, [JSON.stringify(changes)]);
        result.resealed += changes.length;
        return found;
      });
      if (rows.length === 0) return read;
      read += rows.length;
      after = keyOf(rows[rows.length - 1]);
    }
  }
}

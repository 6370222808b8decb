import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import type { Pool } from 'pg';

export interface RawPurgeResult {
  files: number;
  rawBatches: number;
  rejects: number;
  storedFilesDeleted: number;
  /**
   * Copies under the drop folder's `done/` and `failed/` that no registry row points to (the same
   * bytes dropped again, answered `duplicate` and filed there), older than the cutoff: deleted too.
   */
  untrackedCopiesDeleted: number;
}

/**
 * Retention of what the CAF sent as such: the raw blocks kept for replay, the rejected households'
 * XML and the stored bytes of files received before `cutoff`. The registry row, the report, the
 * rejects' reasons and what was applied to the beneficiary tables stay. Stored bytes are deleted
 * only under the folders the intake owns (uploads, the drop folder); a file imported from elsewhere
 * by the CLI is the operator's.
 */
export class IntakeRetention {
  constructor(
    private readonly pool: Pool,
    private readonly ownedDirs: readonly string[],
    /** The drop folder, whose `done/` and `failed/` keep what the nightly run filed. */
    private readonly dropDir: string | null = null,
  ) {}

  async purgeRawBefore(cutoff: Date, apply: boolean): Promise<RawPurgeResult> {
    const { rows: files } = await this.pool.query<{ id: string; storage_path: string | null }>(
      `SELECT id, storage_path FROM intake_file WHERE received_at < $1 AND raw_purged_at IS NULL AND status IN ('imported', 'rejected') ORDER BY received_at`,
      [cutoff],
    );
    const ids = files.map((f) => f.id);
    const counts = await this.pool.query<{ batches: number; rejects: number }>(
      `SELECT (SELECT count(*) FROM intake_raw_batch WHERE file_id = ANY($1::uuid[]))::int AS batches,
              (SELECT count(*) FROM intake_reject WHERE file_id = ANY($1::uuid[]) AND length(raw_xml) > 0)::int AS rejects`,
      [ids],
    );
    const owned = files.filter((f) => f.storage_path !== null && this.owns(f.storage_path));
    const untracked = await this.untrackedCopiesBefore(cutoff);
    const result: RawPurgeResult = {
      files: files.length, rawBatches: counts.rows[0].batches, rejects: counts.rows[0].rejects, storedFilesDeleted: owned.length, untrackedCopiesDeleted: untracked.length,
    };
    if (!apply) return result;
    // Nothing points to these: a copy of bytes the registry keeps (or purged) under another path.
    for (const path of untracked) await rm(path, { force: true });
    if (files.length === 0) return result;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DELETE FROM intake_raw_batch WHERE file_id = ANY($1::uuid[])`, [ids]);
      await client.query(`UPDATE intake_reject SET raw_xml = ''::bytea WHERE file_id = ANY($1::uuid[])`, [ids]);
      await client.query(`UPDATE intake_file SET raw_purged_at = now(), storage_path = CASE WHEN id = ANY($2::uuid[]) THEN NULL ELSE storage_path END WHERE id = ANY($1::uuid[])`, [
        ids,
        owned.map((f) => f.id),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    // After the commit: a crash here leaves bytes on disk that nothing points to, never a row pointing to nothing.
    for (const file of owned) await rm(file.storage_path as string, { force: true });
    return result;
  }

  /** Files under done/ and failed/ last written before the cutoff that no registry row keeps. */
  private async untrackedCopiesBefore(cutoff: Date): Promise<string[]> {
    if (!this.dropDir) return [];
    const found: string[] = [];
    for (const folder of ['done', 'failed']) {
      const dir = join(this.dropDir, folder);
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const path = join(dir, entry.name);
        const { mtime } = await stat(path);
        if (mtime < cutoff) found.push(path);
      }
    }
    if (found.length === 0) return [];
    // Compared as absolute paths: the registry may hold them relative to the working directory.
    const { rows } = await this.pool.query<{ storage_path: string }>(
      `SELECT storage_path FROM intake_file WHERE regexp_replace(storage_path, '^.*[/\\\\]', '') = ANY($1::text[])`,
      [found.map((path) => basename(path))],
    );
    const kept = new Set(rows.map((r) => resolve(r.storage_path)));
    return found.filter((path) => !kept.has(resolve(path)));
  }

  private owns(path: string): boolean {
    const absolute = resolve(path);
    return this.ownedDirs.some((dir) => absolute.startsWith(resolve(dir) + sep));
  }
}

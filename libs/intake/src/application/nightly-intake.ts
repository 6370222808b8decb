import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { Actor } from '@rsa/kernel';
import type { AuditedImport } from './audited-import';
import { fileExists, type CafFileImporter } from './caf-file-importer';
import type { DropFolderImporter, DropRunResult } from './drop-folder-importer';
import { fileErrorLine, type ImportStatus } from './import-report';

/** An upload still waiting this long is considered lost by the queue (Redis flushed, worker down). */
export const UPLOAD_SWEEP_AFTER_MINUTES = 15;

/** A file of the storage folder no registry row names, untouched this long, is a leftover (a refused or aborted upload). */
export const STORAGE_LEFTOVER_AFTER_MS = 60 * 60 * 1000;
/** The name multer's disk storage gives an upload. */
const UPLOAD_NAME = /^[0-9a-f]{32}$/;

export interface NightlyRunResult {
  /** `missing`: the upload's stored copy is gone; the registry says so, and sending the file again retries it. */
  uploads: { fileId: string; status: ImportStatus | 'failed' | 'missing'; error: string | null }[];
  drop: DropRunResult;
  /** Leftovers deleted from the storage folder. */
  leftoversDeleted: number;
}

/**
 * The nightly intake: first the uploads that never got processed (the registry row is the durable
 * obligation, the queue only carries it: this is the sweeper), including those whose import died
 * under way (`processing` for long: an import still running holds the imports' lock, and the sweep's
 * attempt then waits and finds it done), then the drop folder.
 */
export class NightlyIntake {
  constructor(
    private readonly imports: AuditedImport,
    private readonly importer: CafFileImporter,
    private readonly dropFolder: DropFolderImporter,
    private readonly pool: Pool,
    /** Where uploads are streamed to (INTAKE_STORAGE_DIR). */
    private readonly storageDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async run(actor: Actor): Promise<NightlyRunResult> {
    const { rows } = await this.pool.query(
      `SELECT id, storage_path, original_name FROM intake_file
        WHERE channel = 'api'
          AND (status IN ('received', 'failed') AND received_at < now() - make_interval(mins => $1)
               OR status = 'processing' AND started_at < now() - make_interval(mins => $1))
        ORDER BY flux_at NULLS LAST, received_at`,
      [UPLOAD_SWEEP_AFTER_MINUTES],
    );
    const uploads: NightlyRunResult['uploads'] = [];
    for (const row of rows) {
      if (!(await fileExists(row.storage_path))) {
        const error = await this.importer.markStoredCopyGone(row.id);
        uploads.push({ fileId: row.id, status: 'missing', error });
        continue;
      }
      try {
        const report = await this.imports.run(actor, { path: row.storage_path, originalName: row.original_name, channel: 'api' });
        uploads.push({ fileId: row.id, status: report.status, error: fileErrorLine(report) });
      } catch (error) {
        uploads.push({ fileId: row.id, status: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    }
    const drop = await this.dropFolder.run(actor);
    return { uploads, drop, leftoversDeleted: await this.deleteLeftovers() };
  }

  /**
   * Files of the storage folder that no registry row names: an upload refused after its bytes were
   * streamed (a second file, an extra field), one the client aborted, a copy replaced by a later
   * one. They hold personal data that no report, retention run or replay accounts for.
   */
  private async deleteLeftovers(): Promise<number> {
    const entries = await readdir(this.storageDir, { withFileTypes: true }).catch(() => []);
    const candidates: string[] = [];
    for (const entry of entries) {
      // Only the names the upload gives its files (16 random bytes in hex): nothing else there is touched.
      if (!entry.isFile() || !UPLOAD_NAME.test(entry.name)) continue;
      const path = join(this.storageDir, entry.name);
      const info = await stat(path).catch(() => null);
      if (info && this.now() - info.mtimeMs > STORAGE_LEFTOVER_AFTER_MS) candidates.push(path);
    }
    if (candidates.length === 0) return 0;
    const { rows } = await this.pool.query<{ path: string }>(`SELECT storage_path AS path FROM intake_file WHERE storage_path = ANY($1::varchar[])`, [candidates]);
    const named = new Set(rows.map((r) => r.path));
    let deleted = 0;
    for (const path of candidates) {
      if (named.has(path)) continue;
      await unlink(path).then(() => deleted++, () => undefined);
    }
    return deleted;
  }
}

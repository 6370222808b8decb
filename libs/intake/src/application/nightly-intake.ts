import type { Pool } from 'pg';
import type { Actor } from '@rsa/kernel';
import type { AuditedImport } from './audited-import';
import type { DropFolderImporter, DropRunResult } from './drop-folder-importer';
import { fileErrorLine, type ImportStatus } from './import-report';

/** An upload still waiting this long is considered lost by the queue (Redis flushed, worker down). */
export const UPLOAD_SWEEP_AFTER_MINUTES = 15;

export interface NightlyRunResult {
  uploads: { fileId: string; status: ImportStatus | 'failed'; error: string | null }[];
  drop: DropRunResult;
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
    private readonly dropFolder: DropFolderImporter,
    private readonly pool: Pool,
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
      try {
        const report = await this.imports.run(actor, { path: row.storage_path, originalName: row.original_name, channel: 'api' });
        uploads.push({ fileId: row.id, status: report.status, error: fileErrorLine(report) });
      } catch (error) {
        uploads.push({ fileId: row.id, status: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { uploads, drop: await this.dropFolder.run(actor) };
  }
}

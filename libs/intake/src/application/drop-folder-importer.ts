import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { Permission, type Actor } from '@rsa/kernel';
import type { AccessPolicy } from '@rsa/access';
import { ADVISORY_LOCKS, makePrivate } from '@rsa/platform';
import type { FluxHeader } from '../domain/household-record';
import { readVrsb } from '../infrastructure/vrsb';
import type { AuditedImport } from './audited-import';
import { headerInstant } from './caf-file-importer';
import { fileErrorLine, type ImportReport, type ImportStatus } from './import-report';

/**
 * A file changed less than this long ago may still be being written by the transfer (a stalled one
 * included): left for the next run, and said so.
 */
export const SETTLE_MS = 5 * 60_000;

export interface DropRunResult {
  /**
   * `moved` false: the file was handled (imported, a duplicate, rejected) but could not be moved out of
   * the drop folder or made private there (permissions): `error` says why, an operator must see to it.
   */
  files: { name: string; fileId: string | null; status: ImportStatus | 'failed'; movedTo: string; moved: boolean; error: string | null }[];
  /** What the run left where it is, and why: nothing is skipped silently. */
  skipped: { name: string; reason: 'settling' | 'partial' | 'hidden' | 'not-a-file' }[];
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Reads only as far as the header (a few KB), to order files before importing them. */
export async function peekHeader(path: string): Promise<FluxHeader | null> {
  const input = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const event of readVrsb(input)) {
      if (event.type === 'header') return event.header;
    }
    return null;
  } catch {
    return null;
  } finally {
    input.destroy();
  }
}

async function freeName(dir: string, name: string): Promise<string> {
  for (let n = 0; ; n++) {
    const candidate = join(dir, n === 0 ? name : `${name}.${n}`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/**
 * The nightly pick-up: every settled file of the drop folder is imported, oldest header first
 * (DTCREAFLUX, HEUCREAFLUX: the names say nothing reliable, CAF-FORMAT §11), then moved to `done/`
 * (imported or duplicate) or `failed/` (rejected by the intake), so the folder only holds what is new.
 * A file that hit an internal error stays in place and is tried again next time.
 */
export class DropFolderImporter {
  constructor(
    private readonly imports: AuditedImport,
    private readonly policy: AccessPolicy,
    private readonly pool: Pool,
    private readonly dropDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async run(actor: Actor): Promise<DropRunResult> {
    await this.policy.require(actor, Permission.IntakeImport, { action: 'intake.drop-folder' });
    // A second run waits for the first, then finds only what is still new.
    const lock = await this.pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.dropFolderRuns]);
      try {
        return await this.runAlone(actor);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.dropFolderRuns]);
      }
    } finally {
      lock.release();
    }
  }

  private async runAlone(actor: Actor): Promise<DropRunResult> {
    const done = join(this.dropDir, 'done');
    const failed = join(this.dropDir, 'failed');
    await Promise.all([mkdir(done, { recursive: true }), mkdir(failed, { recursive: true })]);

    const candidates: { name: string; path: string; order: string }[] = [];
    const skipped: DropRunResult['skipped'] = [];
    for (const entry of await readdir(this.dropDir, { withFileTypes: true })) {
      if (entry.name === 'done' || entry.name === 'failed') continue;
      if (!entry.isFile()) {
        skipped.push({ name: entry.name, reason: 'not-a-file' });
        continue;
      }
      if (entry.name.startsWith('.')) {
        skipped.push({ name: entry.name, reason: 'hidden' });
        continue;
      }
      // Transfers under way: `.part`, `.tmp`, WinSCP's `.filepart`, `.partial`, browsers' `.crdownload`.
      if (/\.(part|tmp|filepart|partial|crdownload)$/i.test(entry.name)) {
        skipped.push({ name: entry.name, reason: 'partial' });
        continue;
      }
      const path = join(this.dropDir, entry.name);
      if (this.now() - (await stat(path)).mtimeMs < SETTLE_MS) {
        skipped.push({ name: entry.name, reason: 'settling' });
        continue;
      }
      const header = await peekHeader(path);
      // Unreadable headers sort last: they will be rejected with the reason in their report.
      candidates.push({ name: entry.name, path, order: header ? headerInstant(header).toISOString() : `~${entry.name}` });
    }
    candidates.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.name.localeCompare(b.name)));

    const result: DropRunResult = { files: [], skipped };
    for (const file of candidates) {
      let report: ImportReport;
      try {
        report = await this.imports.run(actor, { path: file.path, originalName: file.name, channel: 'drop' });
      } catch (error) {
        // Not the file's fault (database down, a bug): it stays where it is for the next run.
        result.files.push({ name: file.name, fileId: null, status: 'failed', movedTo: file.path, moved: false, error: messageOf(error) });
        continue;
      }
      // The import is committed whatever happens to the file now: the answer says what it gave.
      const entry = { name: file.name, fileId: report.fileId, status: report.status, movedTo: file.path, moved: false, error: fileErrorLine(report) };
      result.files.push(entry);
      try {
        const target = await freeName(report.status === 'rejected' ? failed : done, file.name);
        await rename(file.path, target);
        entry.movedTo = target;
        // The registry follows the copy it keeps (the retention job deletes it there): this file's,
        // or, for bytes already answered (a duplicate, a rejected file re-sent), the first copy, unless
        // the first copy is this very file (left here by a run that could not move it).
        await this.pool.query(`UPDATE intake_file SET storage_path = $2 WHERE id = $1 AND ($3 OR storage_path = $4)`, [report.fileId, target, !report.duplicateOf, file.path]);
        await makePrivate(target);
        entry.moved = true;
      } catch (error) {
        const where = entry.movedTo === file.path ? 'left in the drop folder' : `moved to ${entry.movedTo} but not made private`;
        entry.error = `${entry.error ? `${entry.error}; ` : ''}${report.status === 'rejected' ? 'rejected' : 'handled'}, ${where}: ${messageOf(error)}`;
      }
    }
    return result;
  }
}

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
import { fileErrorLine, type ImportStatus } from './import-report';

/**
 * A file changed less than this long ago may still be being written by the transfer (a stalled one
 * included): left for the next run, and said so.
 */
export const SETTLE_MS = 5 * 60_000;

export interface DropRunResult {
  files: { name: string; fileId: string | null; status: ImportStatus | 'failed'; movedTo: string; error: string | null }[];
  /** What the run left where it is, and why: nothing is skipped silently. */
  skipped: { name: string; reason: 'settling' | 'partial' | 'hidden' | 'not-a-file' }[];
}

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
      if (/\.(part|tmp)$/i.test(entry.name)) {
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
      try {
        const report = await this.imports.run(actor, { path: file.path, originalName: file.name, channel: 'drop' });
        const target = await freeName(report.status === 'rejected' ? failed : done, file.name);
        await rename(file.path, target);
        await makePrivate(target);
        // Bytes already answered (a duplicate, a rejected file re-sent) keep the copy the registry has.
        if (!report.duplicateOf) await this.pool.query(`UPDATE intake_file SET storage_path = $2 WHERE id = $1`, [report.fileId, target]);
        result.files.push({ name: file.name, fileId: report.fileId, status: report.status, movedTo: target, error: fileErrorLine(report) });
      } catch (error) {
        // Not the file's fault (database down, a bug): it stays where it is for the next run.
        result.files.push({ name: file.name, fileId: null, status: 'failed', movedTo: file.path, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return result;
  }
}

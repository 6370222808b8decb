import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LetterChannel, PermanentDeliveryError, type Delivery } from '../../application/channels';
import type { Notice } from '../../domain/notice';
import { wireMessageKey } from './message-key';
import { renderLetter } from './rendering/letter-renderer';

export interface PdfLetterChannelOptions {
  /** The print service's pick-up folder (AppConfig.notifications.printDir). */
  printDir: string;
}

/**
 * A temporary file older than this was left by a process that died writing it (a letter takes well
 * under a second): removed when a process first writes into `.tmp`. Younger ones may be another
 * worker's letter being written.
 */
export const ORPHAN_TEMP_AGE_MS = 3600_000;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Letters go to the print service as PDF files: `<printDir>/<issuedOn>/<message key>.pdf`. The file
 * is written whole under `<printDir>/.tmp` (same file system), flushed, then renamed into place, so
 * the print service never picks up half a letter. A file already there is the same letter (a retry
 * after a crash): it is returned untouched. Two workers racing on one key write the same bytes. The
 * issue day is the message's first (recorded by the sender), so a retry on a later day finds the
 * file too. Half-written files a crash left in `.tmp` are removed once they are an hour old.
 */
export class PdfLetterChannel extends LetterChannel {
  /** Folders made by this process (one a day): not asked of the file system for every letter. */
  private readonly made = new Set<string>();

  constructor(private readonly options: PdfLetterChannelOptions) {
    super();
  }

  async send(notice: Notice): Promise<Delivery & { path: string }> {
    if (!notice.recipient.address) {
      throw new PermanentDeliveryError(`letter ${notice.messageKey}: the recipient has no postal address`, 'no-postal-address');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(notice.issuedOn)) {
      throw new PermanentDeliveryError(`letter ${notice.messageKey}: issuedOn is not a day (YYYY-MM-DD)`, 'invalid-notice');
    }
    const name = `${wireMessageKey(notice.messageKey)}.pdf`;
    const dir = join(this.options.printDir, notice.issuedOn);
    const path = join(dir, name);
    const delivery = { provider: 'print-folder', providerMessageId: null, path };
    if (await exists(path)) return delivery;

    const pdf = await renderLetter(notice);
    const tmpDir = join(this.options.printDir, '.tmp');
    try {
      await this.write(pdf, tmpDir, dir, name);
    } catch (error) {
      // A folder this process made was moved away (the print service took the day's letters): make it again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.made.clear();
      await this.write(pdf, tmpDir, dir, name);
    }
    return delivery;
  }

  private async write(pdf: Buffer, tmpDir: string, dir: string, name: string): Promise<void> {
    await this.folder(tmpDir);
    await this.folder(dir);
    const temp = join(tmpDir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(pdf);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, join(dir, name));
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async folder(path: string): Promise<void> {
    if (this.made.has(path)) return;
    await mkdir(path, { recursive: true });
    if (path === join(this.options.printDir, '.tmp')) await this.removeOrphans(path);
    this.made.add(path);
  }

  /** Removes what dead processes left half-written (never seen by the print service: it is not a day folder). */
  private async removeOrphans(tmpDir: string): Promise<void> {
    const before = Date.now() - ORPHAN_TEMP_AGE_MS;
    for (const name of await readdir(tmpDir)) {
      const path = join(tmpDir, name);
      try {
        if ((await stat(path)).mtimeMs < before) await rm(path, { force: true });
      } catch (error) {
        // Renamed into place or removed by its writer meanwhile.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

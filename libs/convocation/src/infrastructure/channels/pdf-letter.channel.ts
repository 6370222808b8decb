import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LetterChannel, PermanentDeliveryError, type Delivery } from '../../application/channels';
import type { Notice } from '../../domain/notice';
import { wireMessageKey } from './message-key';
import { renderLetter } from './rendering/letter-renderer';

export interface PdfLetterChannelOptions {
  /** The print service's pick-up folder (AppConfig.notifications.printDir). */
  printDir: string;
}

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
 * after a crash): it is returned untouched. Two workers racing on one key write the same bytes.
 */
export class PdfLetterChannel extends LetterChannel {
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
    await mkdir(tmpDir, { recursive: true });
    await mkdir(dir, { recursive: true });
    const temp = join(tmpDir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(pdf);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
    return delivery;
  }
}

import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aNotice, pdfText } from '@rsa/testing';
import { PermanentDeliveryError } from '../../application/channels';
import { ORPHAN_TEMP_AGE_MS, PdfLetterChannel } from './pdf-letter.channel';

describe('PdfLetterChannel', () => {
  let printDir: string;
  let channel: PdfLetterChannel;

  beforeEach(async () => {
    printDir = await mkdtemp(join(tmpdir(), 'rsa-print-'));
    channel = new PdfLetterChannel({ printDir });
  });
  afterEach(() => rm(printDir, { recursive: true, force: true }));

  it('writes <printDir>/<issuedOn>/<messageKey>.pdf and leaves no temporary file', async () => {
    const notice = aNotice({ messageKey: 'conv-1.letter' });
    const delivery = await channel.send(notice);
    expect(delivery).toEqual({ provider: 'print-folder', providerMessageId: null, path: join(printDir, '2026-12-01', 'conv-1.letter.pdf') });
    const pdf = await readFile(delivery.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('Mme Amelie DUVAL');
    expect(await readdir(join(printDir, '.tmp'))).toEqual([]);
  });

  it('returns the letter already there without rewriting it (a retry after a crash)', async () => {
    const notice = aNotice();
    const first = await channel.send(notice);
    const before = await stat(first.path);
    const again = await channel.send(notice);
    const after = await stat(again.path);
    expect(again.path).toBe(first.path);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);

    // Whatever is there stays: the file, once renamed into place, is the letter.
    await writeFile(first.path, 'already handed to the print service');
    await channel.send(notice);
    expect(await readFile(first.path, 'utf8')).toBe('already handed to the print service');
  });

  it('writes one whole file when two workers send the same letter at once', async () => {
    const notice = aNotice();
    const [a, b] = await Promise.all([channel.send(notice), channel.send(notice)]);
    expect(a.path).toBe(b.path);
    expect(await readdir(join(printDir, notice.issuedOn))).toHaveLength(1);
    expect(pdfText(await readFile(a.path))).toContain('Protection de vos données.');
  });

  it('makes the day folder again when the print service moved it away', async () => {
    await channel.send(aNotice({ messageKey: 'conv-before' }));
    await rm(printDir, { recursive: true, force: true });
    const delivery = await channel.send(aNotice({ messageKey: 'conv-after' }));
    expect(await readdir(join(printDir, '2026-12-01'))).toEqual(['conv-after.pdf']);
    expect(delivery.path).toBe(join(printDir, '2026-12-01', 'conv-after.pdf'));
  });

  it('ignores a half-written temporary file left by a crash', async () => {
    const notice = aNotice({ messageKey: 'conv-crashed' });
    await mkdir(join(printDir, '.tmp'), { recursive: true });
    await writeFile(join(printDir, '.tmp', 'conv-crashed.pdf.999.deadbeef'), '%PDF-1.3 trunc');
    const delivery = await channel.send(notice);
    expect((await readFile(delivery.path)).length).toBeGreaterThan(2000);
  });

  it('removes the half-written files dead processes left, once an hour old, and keeps younger ones', async () => {
    const tmp = join(printDir, '.tmp');
    await mkdir(tmp, { recursive: true });
    const old = join(tmp, 'conv-dead.pdf.111.00000000');
    const young = join(tmp, 'conv-writing.pdf.222.11111111');
    await writeFile(old, '%PDF-1.3 trunc');
    await writeFile(young, '%PDF-1.3 being written');
    const longAgo = new Date(Date.now() - ORPHAN_TEMP_AGE_MS - 60_000);
    await utimes(old, longAgo, longAgo);
    await channel.send(aNotice({ messageKey: 'conv-next' }));
    expect(await readdir(tmp)).toEqual(['conv-writing.pdf.222.11111111']);
    expect(await readdir(join(printDir, '2026-12-01'))).toEqual(['conv-next.pdf']);
  });

  it('refuses, for good, a recipient without a postal address, and writes nothing', async () => {
    const notice = aNotice({ recipient: { ...aNotice().recipient, address: null } });
    const error = await channel.send(notice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ reason: 'no-postal-address' });
    expect(await readdir(printDir)).toEqual([]);
  });

  it('keeps a hostile message key inside the print folder', async () => {
    const delivery = await channel.send(aNotice({ messageKey: '../../etc/passwd' }));
    expect(delivery.path).toBe(join(printDir, '2026-12-01', '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.pdf'));
  });

  it('refuses an issue day that is not a day', async () => {
    await expect(channel.send(aNotice({ issuedOn: '../2026' }))).rejects.toMatchObject({ reason: 'invalid-notice' });
  });
});

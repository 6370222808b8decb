import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { householdItems, readAll, recordsOf } from './__fixtures__/read-all';
import { vrsbDocument } from './__fixtures__/vrsb-builder';

const UTF8_TEXT = readFileSync(join(__dirname, '__fixtures__', 'monthly-two-households.xml'), 'utf8');

function declaring(label: string | null, text = UTF8_TEXT): string {
  return text.replace('<?xml version="1.0" encoding="UTF-8"?>\n', label === null ? '' : `<?xml version="1.0" encoding="${label}"?>\n`);
}

describe('readVrsb — encodings (CAF-FORMAT §11)', () => {
  let reference: Awaited<ReturnType<typeof recordsOf>>;
  beforeAll(async () => {
    reference = await recordsOf(Buffer.from(UTF8_TEXT, 'utf8'));
  });

  it.each([
    ['windows-1252', 'windows-1252', 'windows-1252'],
    ['cp1252', 'windows-1252', 'windows-1252'],
    ['ISO-8859-15', 'iso-8859-15', 'iso-8859-15'],
    ['latin-9', 'iso-8859-15', 'iso-8859-15'],
  ])('reads a file declared %s with the same records as UTF-8 (É, Ç, Œ)', async (label, codec, encoding) => {
    const bytes = iconv.encode(declaring(label), codec);
    expect(bytes.toString('latin1')).not.toContain('Ã'); // really single-byte
    const { events } = await readAll(bytes);
    expect(events[0]).toMatchObject({ type: 'header', encoding });
    const records = await recordsOf(bytes);
    expect(records).toEqual(reference);
    expect(records[0].persons[0]).toMatchObject({ nom: 'CŒURDEROY', nomnai: 'FRANÇOIS', prenom: 'ÉLODIE' });
  });

  it('reads Œ from 0x8C in windows-1252 and from 0xBC in ISO-8859-15', async () => {
    const cp1252 = iconv.encode(declaring('windows-1252'), 'windows-1252');
    const latin9 = iconv.encode(declaring('ISO-8859-15'), 'iso-8859-15');
    expect(cp1252.includes(Buffer.from([0x43, 0x8c, 0x55, 0x52]))).toBe(true); // C Œ U R
    expect(latin9.includes(Buffer.from([0x43, 0xbc, 0x55, 0x52]))).toBe(true);
    expect((await recordsOf(cp1252))[0].persons[0].nom).toBe('CŒURDEROY');
    expect((await recordsOf(latin9))[0].persons[0].nom).toBe('CŒURDEROY');
  });

  it('reads 0xBC as ¼ in an ISO-8859-1 file (no Œ in Latin-1)', async () => {
    const text = declaring('ISO-8859-1').replace('CŒURDEROY', 'COEURDEROY').replace('BÂTIMENT C', 'BÂTIMENT ¼');
    const bytes = iconv.encode(text, 'latin1');
    expect(bytes.includes(0xbc)).toBe(true);
    const { events } = await readAll(bytes);
    expect(events[0]).toMatchObject({ encoding: 'iso-8859-1' });
    const [household] = await recordsOf(bytes);
    expect(household.persons[0]).toMatchObject({ nom: 'COEURDEROY', nomnai: 'FRANÇOIS', prenom: 'ÉLODIE' });
    expect(household.addresses[0].compladr).toBe('BÂTIMENT ¼');
  });

  it('tolerates a UTF-8 byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(UTF8_TEXT, 'utf8')]);
    const { events } = await readAll(bytes, 2);
    expect(events[0]).toMatchObject({ type: 'header', encoding: 'utf-8' });
    expect(await recordsOf(bytes)).toEqual(reference);
    expect(householdItems(await readAll(bytes))[0].rawXml.startsWith('<InfosFoyerRSA>')).toBe(true);
  });

  it('says a UTF-8 byte-order mark overrode the declaration when the bytes behind it are Latin', async () => {
    const text = vrsbDocument({ encoding: 'ISO-8859-1', households: [{ numdemrsa: '00000001059', persons: [{ nom: 'BÉRANGER' }] }] });
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'latin1')]);
    const { error } = await readAll(bytes);
    expect(error?.code).toBe('UNDECODABLE');
    expect(error?.message).toMatch(
      /^UNDECODABLE: invalid UTF-8 at byte offset \d+ \(byte 0xC9\); the file starts with a UTF-8 byte-order mark, which makes it UTF-8 whatever its declaration says: remove the mark, or re-encode the file in UTF-8$/,
    );
  });

  it('reads an undeclared UTF-8 file as UTF-8 and an undeclared windows-1252 file as windows-1252', async () => {
    const utf8 = Buffer.from(declaring(null), 'utf8');
    const cp1252 = iconv.encode(declaring(null), 'windows-1252');
    expect((await readAll(utf8)).events[0]).toMatchObject({ encoding: 'utf-8' });
    expect((await readAll(cp1252, 7)).events[0]).toMatchObject({ encoding: 'windows-1252' });
    expect(await recordsOf(utf8)).toEqual(reference);
    expect(await recordsOf(cp1252)).toEqual(reference);
  });

  it('refuses a file whose declared encoding is not supported', async () => {
    const { events, error } = await readAll(Buffer.from(declaring('EBCDIC-FR'), 'latin1'));
    expect(events).toEqual([]);
    expect(error?.code).toBe('UNSUPPORTED_ENCODING');
    expect(error?.message).toContain('EBCDIC-FR');
  });

  it('refuses UTF-8 bytes in a file declared windows-1252 (mojibake)', async () => {
    const bytes = Buffer.from(declaring('windows-1252'), 'utf8');
    for (const size of [1, 7, 64 * 1024]) {
      const { events, error } = await readAll(bytes, size);
      expect(error?.code).toBe('UNDECODABLE');
      expect(error?.message).toMatch(/look like UTF-8 \("Å’"\) while windows-1252 is declared/);
      expect(events.map((e) => e.type)).toEqual(['header']);
    }
  });

  it('refuses windows-1252 bytes in a file declared UTF-8, after the households read before them', async () => {
    const text = vrsbDocument({
      encoding: 'UTF-8',
      households: [{ numdemrsa: '00000001059' }, { numdemrsa: '00000002059', persons: [{ nom: 'BÉRANGER' }] }],
    });
    const bytes = iconv.encode(text, 'windows-1252');
    const whole = await readAll(bytes);
    expect(whole.error?.code).toBe('UNDECODABLE');
    expect(whole.error?.message).toMatch(/invalid UTF-8 at byte offset \d+ \(byte 0xC9\)/);
    expect(whole.events.map((e) => e.type)).toEqual(['header', 'household']);
    expect(await readAll(bytes, 1)).toEqual(whole);
    expect(await readAll(bytes, 7)).toEqual(whole);
  });

  it('refuses bytes windows-1252 does not define', async () => {
    const bytes = Buffer.from(declaring('windows-1252').replace('LILLE', 'LI\u0081LE'), 'latin1');
    const { error } = await readAll(bytes);
    expect(error?.code).toBe('UNDECODABLE');
    expect(error?.message).toMatch(/is not a windows-1252 character/);
  });
});

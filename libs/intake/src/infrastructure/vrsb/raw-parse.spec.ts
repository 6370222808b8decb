import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { chunksOf } from './__fixtures__/read-all';
import { vrsbDocument } from './__fixtures__/vrsb-builder';
import { rawParse } from './raw-parse';

const FIXTURE = readFileSync(join(__dirname, '__fixtures__', 'monthly-two-households.xml'));

describe('rawParse (benchmark reference)', () => {
  it('counts start tags, households and bytes over the whole file', async () => {
    const starts = (FIXTURE.toString('utf8').match(/<[A-Za-z_]/g) ?? []).length;
    for (const size of [1, 64 * 1024]) {
      expect(await rawParse(chunksOf(FIXTURE, size))).toEqual({ events: starts, households: 2, bytes: FIXTURE.length });
    }
  });

  it('decodes like the reader: same encodings, same faults', async () => {
    const cp1252 = iconv.encode(vrsbDocument({ households: [{}, {}, {}] }), 'windows-1252');
    expect((await rawParse(chunksOf(cp1252, 7))).households).toBe(3);
    const mojibake = Buffer.from(vrsbDocument({ households: [{ persons: [{ nom: 'LEFÈVRE' }] }] }), 'utf8');
    await expect(rawParse(chunksOf(mojibake))).rejects.toMatchObject({ code: 'UNDECODABLE' });
    await expect(rawParse(chunksOf(Buffer.from('<Racine><A></Racine>')))).rejects.toMatchObject({ code: 'MALFORMED_XML' });
  });
});

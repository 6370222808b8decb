import { sha256Hex } from '@rsa/kernel';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunksOf, readAll } from './__fixtures__/read-all';
import { knownBlockStandIn, MAX_BLOCK_CHARS, prescanBlocks, type BlockCandidate } from './block-prescan';
import type { VrsbEvent } from './vrsb-event';
import { readVrsb } from './vrsb-reader';

const FIXTURE = readFileSync(join(__dirname, '__fixtures__', 'monthly-two-households.xml'));
const sha = sha256Hex;

async function read(bytes: Buffer, known: (c: BlockCandidate[]) => Set<string>, chunkSize?: number) {
  const asked: BlockCandidate[] = [];
  const events: VrsbEvent[] = [];
  for await (const event of readVrsb(chunksOf(bytes, chunkSize), {
    knownBlocks: async (candidates) => {
      asked.push(...candidates);
      return known(candidates);
    },
  })) {
    events.push(event);
  }
  return { asked, events };
}

describe('prescanBlocks', () => {
  it('finds complete blocks with their NUMDEMRSA, hash, persons and position', () => {
    const block = '<InfosFoyerRSA><DemandeRSA><NUMDEMRSA> 00000001059 </NUMDEMRSA></DemandeRSA><Personne></Personne><Personne></Personne></InfosFoyerRSA>';
    const text = `<Racine>${block}<InfosFoyerRSA><NUMDEMRSA>2</NUMDEMRSA>`;
    const result = prescanBlocks(text, false);
    expect(result.blocks).toEqual([{ start: 8, end: 8 + block.length, numdemrsa: '00000001059', sha256: sha(block), persons: 2 }]);
    // The incomplete second block waits for more text.
    expect(result.ready).toBe(8 + block.length);
  });

  it('does not wait past MAX_BLOCK_CHARS for a block whose literal end tag does not come', () => {
    // `</InfosFoyerRSA >` is legal XML but not the literal tag: the block cannot be skipped, only parsed.
    const block = `<InfosFoyerRSA><NUMDEMRSA>1</NUMDEMRSA>${'<Personne></Personne>'.repeat(10)}</InfosFoyerRSA >`;
    const short = prescanBlocks(`<Racine>${block}`, false);
    expect(short).toMatchObject({ blocks: [], ready: 8 });
    const long = `<Racine>${block.repeat(Math.ceil(MAX_BLOCK_CHARS / block.length) + 1)}`;
    const result = prescanBlocks(long, false);
    expect(result.blocks).toEqual([]);
    expect(result.ready).toBe(long.length);
    // The blocks it lets through are not among those it read: the reader asks about none of this scan.
    expect(result.allRead).toBe(false);
  });

  it('holds back a tag cut at the end of the text', () => {
    expect(prescanBlocks('<Racine><InfosFoy', false).ready).toBe(8);
    expect(prescanBlocks('<Racine><InfosFoy', true).ready).toBe(17);
  });

  it('stands a known block in with an empty element and the same line breaks', () => {
    const text = 'x<InfosFoyerRSA>\n<A>1</A>\n</InfosFoyerRSA>\ny';
    expect(knownBlockStandIn(text, 1, text.length - 2)).toBe('<InfosFoyerRSA/>\n\n');
  });
});

describe('readVrsb with knownBlocks', () => {
  it('reports known households without mapping them, and maps the others', async () => {
    const firstRaw = (await read(FIXTURE, () => new Set())).events.flatMap((e) => (e.type === 'household' && e.item.ok ? [e.item.rawXml] : []))[0];
    const { asked, events } = await read(FIXTURE, () => new Set([sha(firstRaw)]));
    expect(asked.map((a) => a.numdemrsa)).toHaveLength(2);
    const households = events.filter((e) => e.type === 'household' || e.type === 'known-household');
    expect(households.map((e) => e.type)).toEqual(['known-household', 'household']);
    expect(households[0]).toMatchObject({ type: 'known-household', ordinal: 1, numdemrsa: asked[0].numdemrsa, sha256: sha(firstRaw) });
    expect(households[1]).toMatchObject({ type: 'household', item: { ok: true, ordinal: 2 } });
    // Known households still count for the footer check.
    expect(events[events.length - 1]).toMatchObject({ type: 'end', households: 2 });
  });

  it('gives the same events whatever the chunk size', async () => {
    const all = (c: BlockCandidate[]) => new Set(c.map((x) => x.sha256));
    const whole = await read(FIXTURE, all);
    const small = await read(FIXTURE, all, 7);
    expect(small.events).toEqual(whole.events);
    expect(whole.events.filter((e) => e.type === 'known-household')).toHaveLength(2);
  });

  it('reports malformed XML after known blocks at its real line', async () => {
    const text = FIXTURE.toString('utf8');
    const broken = Buffer.from(text.replace('</TransmissionFlux>', '</TransmissionFlu>'), 'utf8');
    const line = text.slice(0, text.indexOf('</TransmissionFlux>')).split('\n').length;
    await expect(read(broken, (c) => new Set(c.map((x) => x.sha256)))).rejects.toThrow(new RegExp(`line ${line}\\b`));
  });

  it('still rejects a malformed file even when every block is known', async () => {
    const cut = FIXTURE.subarray(0, FIXTURE.length - 20);
    await expect(read(cut, (c) => new Set(c.map((x) => x.sha256)))).rejects.toMatchObject({ code: 'TRUNCATED' });
  });

  it('gives each household the hash of its raw block, reused from the pre-scan or computed', async () => {
    const withScan = await read(FIXTURE, () => new Set());
    const without = await readAll(FIXTURE);
    for (const events of [withScan.events, without.events]) {
      const households = events.flatMap((e) => (e.type === 'household' ? [e] : []));
      expect(households).toHaveLength(2);
      for (const h of households) expect(h.sha256).toBe(sha(h.item.rawXml));
    }
  });

  it('asks about a NUMDEMRSA once per file, and never when it is met twice in one scan', async () => {
    const text = FIXTURE.toString('utf8');
    const first = text.slice(text.indexOf('<InfosFoyerRSA>'), text.indexOf('</InfosFoyerRSA>') + '</InfosFoyerRSA>'.length);
    const numdemrsa = '00481234059';
    const withBlocks = (middle: string) =>
      Buffer.from(text.replace(first, `${first}${middle}${first.replace('</NUMDEMRSA>', '</NUMDEMRSA><!-- again -->')}`).replace('<NBTOTDOSRSATRANSM>00000002', '<NBTOTDOSRSATRANSM>00000003'), 'utf8');

    // Both occurrences in the same scan: neither is asked about, both are parsed (the last one wins).
    const sameScan = await read(withBlocks('\n'), (c) => new Set(c.map((x) => x.sha256)));
    expect(sameScan.asked.map((a) => a.numdemrsa)).not.toContain(numdemrsa);
    expect(sameScan.events.filter((e) => e.type === 'household')).toHaveLength(2);

    // In two scans (over 2 MB of blanks apart): the first is asked about and skipped as known; the
    // second is not asked about again and is parsed, so it still wins.
    const apart = await read(withBlocks(' '.repeat(3 * 1024 * 1024)), (c) => new Set(c.map((x) => x.sha256)), 1024 * 1024);
    expect(apart.asked.filter((a) => a.numdemrsa === numdemrsa)).toHaveLength(1);
    const again = apart.events.flatMap((e) => (e.type === 'household' && e.item.ok && e.item.record.numdemrsa === numdemrsa ? [e] : []));
    expect(apart.events.filter((e) => e.type === 'known-household').map((e) => (e as { numdemrsa: string }).numdemrsa)).toContain(numdemrsa);
    expect(again).toHaveLength(1);
    expect(again[0].item.rawXml).toContain('<!-- again -->');
  });

  it('asks about no block of a scan holding a household it could not read, which may be one of them', async () => {
    const text = FIXTURE.toString('utf8');
    const first = text.slice(text.indexOf('<InfosFoyerRSA>'), text.indexOf('</InfosFoyerRSA>') + '</InfosFoyerRSA>'.length);
    // The same dossier twice; the first time its NUMDEMRSA is in a CDATA section the scan does not read.
    const hidden = first.replace('<NUMDEMRSA>00481234059</NUMDEMRSA>', '<NUMDEMRSA><![CDATA[00481234059]]></NUMDEMRSA>');
    expect(hidden).not.toBe(first);
    const bytes = Buffer.from(text.replace(first, `${hidden}\n${first}`).replace('<NBTOTDOSRSATRANSM>00000002', '<NBTOTDOSRSATRANSM>00000003'), 'utf8');
    const { asked, events } = await read(bytes, (c) => new Set(c.map((x) => x.sha256)));
    expect(asked).toEqual([]);
    const parsed = events.flatMap((e) => (e.type === 'household' && e.item.ok ? [e.item.record.numdemrsa] : []));
    expect(parsed.filter((n) => n === '00481234059')).toHaveLength(2);
  });

  it('reads a file whose households end with `</InfosFoyerRSA >` in one pass, parsing them all', async () => {
    const text = FIXTURE.toString('utf8');
    const first = text.slice(text.indexOf('<InfosFoyerRSA>'), text.indexOf('</InfosFoyerRSA>') + '</InfosFoyerRSA>'.length);
    const spaced = first.replace('</InfosFoyerRSA>', '</InfosFoyerRSA >');
    // Over 2 MB of such households, so that a held block would span several scans.
    const copies = Math.ceil((3 * MAX_BLOCK_CHARS) / spaced.length);
    const many = Array.from({ length: copies }, (_, i) => spaced.replace('<NUMDEMRSA>00481234059</NUMDEMRSA>', `<NUMDEMRSA>${String(i).padStart(8, '0')}059</NUMDEMRSA>`));
    const rest = text.slice(text.indexOf('</InfosFoyerRSA>') + '</InfosFoyerRSA>'.length);
    const bytes = Buffer.from(
      `${text.slice(0, text.indexOf('<InfosFoyerRSA>'))}${many.join('\n')}${rest}`.replace('<NBTOTDOSRSATRANSM>00000002', `<NBTOTDOSRSATRANSM>${String(copies + 1).padStart(8, '0')}`),
      'utf8',
    );
    const { events } = await read(bytes, (c) => new Set(c.map((x) => x.sha256)), 64 * 1024);
    expect(events.filter((e) => e.type === 'household' && e.item.ok)).toHaveLength(copies + 1);
    expect(events[events.length - 1]).toMatchObject({ type: 'end', households: copies + 1 });
  });
});

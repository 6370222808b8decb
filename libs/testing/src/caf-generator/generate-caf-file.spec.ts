import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { CAF_ENCODINGS } from './charset';
import { generateCafFile, writeManifest } from './generate-caf-file';
import { at, childrenNamed, readBack, textAt } from './read-back.test-helper';

describe('generateCafFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caf-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const out = (name: string) => join(dir, name);

  it('gives byte-identical files for the same seed and options, and different ones for another seed', async () => {
    const a = await generateCafFile({ households: 200, seed: 42, out: out('a.xml') });
    const b = await generateCafFile({ households: 200, seed: 42, out: out('b.xml') });
    const c = await generateCafFile({ households: 200, seed: 43, out: out('c.xml') });
    expect(b.sha256).toBe(a.sha256);
    expect(createHash('sha256').update(await readFile(a.path)).digest('hex')).toBe(a.sha256);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('changes only the header when only the date and time change', async () => {
    const first = await generateCafFile({ households: 150, seed: 9, kind: 'daily', out: out('h1.xml') });
    const again = await generateCafFile({ households: 150, seed: 9, kind: 'daily', date: '2026-11-05', time: '21:03:44.0000', out: out('h2.xml') });
    expect(again.sha256).not.toBe(first.sha256);
    expect(again.header).toMatchObject({ dtcreaflux: '2026-11-05', heucreaflux: '21:03:44.0000', dtref: '2026-11-05' });
    expect(again.referenceDate).toBe(first.referenceDate);
    const body = async (p: string) => (await readFile(p, 'latin1')).replace(/<IdentificationFlux>[\s\S]*?<\/IdentificationFlux>/, '');
    expect(await body(again.path)).toBe(await body(first.path));
    expect(again.households).toEqual(first.households);
  });

  it('writes a monthly header: TYPEFLUX M, created the 3rd–6th of the next month, DTREF the last day of the month', async () => {
    const m = await generateCafFile({ households: 5, seed: 3, kind: 'monthly', out: out('m.xml') });
    expect(m.header).toMatchObject({ applieme: 'CRI', numversionapplieme: '6200', typeflux: 'M', natflux: 'D', dtref: m.referenceDate });
    expect(Number(m.header.dtcreaflux.slice(8))).toBeGreaterThanOrEqual(3);
    expect(Number(m.header.dtcreaflux.slice(8))).toBeLessThanOrEqual(6);
    expect(m.header.heucreaflux).toMatch(/^\d{2}:\d{2}:\d{2}\.0000$/);
    const r = await generateCafFile({ households: 5, seed: 3, kind: 'reprise', out: out('r.xml') });
    expect(r.header.typeflux).toBe('R');
  });

  it('announces the households written in the footer and the manifest', async () => {
    const m = await generateCafFile({ households: 123, seed: 5, out: out('count.xml') });
    const back = readBack(m.path);
    expect(back.households).toHaveLength(123);
    expect(m.count).toBe(123);
    expect(m.footer?.nbtotdosrsatransm).toBe('00000123');
    expect(textAt(back.root, 'TransmissionFlux/NBTOTDOSRSATRANSM')).toBe('00000123');
    expect(m.expectedFileOutcome).toBe('accepted');
    expect(m.totals.distinctDossiers).toBe(123);
  });

  it('writes a manifest that matches the file, person by person', async () => {
    const m = await generateCafFile({ households: 120, seed: 11, out: out('truth.xml') });
    const back = readBack(m.path);
    expect(m.households).toHaveLength(120);
    back.households.forEach((h, i) => {
      const expected = m.households![i];
      expect(textAt(h, 'IdentificationRSA/DemandeRSA/NUMDEMRSA')).toBe(expected.numdemrsa);
      expect(textAt(h, 'IdentificationRSA/Organisme/MATRICULE')).toBe(expected.matricule);
      expect(textAt(h, 'PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA')).toBe(expected.etatdosrsa);
      const persons = childrenNamed(h, 'Personne');
      expect(persons).toHaveLength(expected.persons.length);
      persons.forEach((p, k) => {
        const rsa = childrenNamed(p, 'Prestations').find((pr) => textAt(pr, 'NATPREST') === 'RSA')!;
        expect(textAt(rsa, 'ROLEPERS')).toBe(expected.persons[k].roleRsa);
        expect(textAt(p, 'Identification/NIR') ?? null).toBe(expected.persons[k].nir);
        const top = textAt(p, 'MontantCalculDroitRSAPersonne/TOPPERSDRODEVORSA');
        expect(top === undefined ? null : top === '1').toBe(expected.persons[k].toppersdrodevorsa);
        expect(textAt(p, 'DossierCAF/DFRATDOS') ?? null).toBe(expected.persons[k].dfratdos);
      });
    });
    expect(m.totals.expectedEntrants).toBe(m.households!.flatMap((h) => h.persons).filter((p) => p.expectedEntrant).length);
    expect(m.totals.expectedEntrants).toBeGreaterThan(0);
  });

  it('round-trips accented names in every encoding, with a matching XML declaration', async () => {
    for (const encoding of CAF_ENCODINGS) {
      const m = await generateCafFile({ households: 400, seed: 21, encoding, out: out(`enc-${encoding}.xml`) });
      const bytes = await readFile(m.path);
      expect(bytes.subarray(0, 60).toString('latin1')).toContain(`<?xml version="1.0" encoding="${encoding}"?>`);
      const text = iconv.decode(bytes, encoding);
      const names = [...text.matchAll(/<(?:NOM|PRENOM)>([^<]*)<\//g)].map((x) => x[1]);
      expect(names.some((n) => /[ÉÈÇËÏÔ]/.test(n))).toBe(true);
      for (const accented of names.filter((n) => /[ÉÈÇË]/.test(n))) expect(accented).not.toContain('?');
      if (encoding === 'ISO-8859-1') expect(text).not.toContain('Œ');
    }
  });

  it('spells Œ as OE in ISO-8859-1 and says so in the manifest', async () => {
    // LECŒUR is in the last-name list; 600 households are enough to meet it.
    const cp = await generateCafFile({ households: 600, seed: 77, encoding: 'windows-1252', out: out('oe-1252.xml') });
    const latin = await generateCafFile({ households: 600, seed: 77, encoding: 'ISO-8859-1', out: out('oe-latin1.xml') });
    const cpText = iconv.decode(await readFile(cp.path), 'windows-1252');
    const latinText = iconv.decode(await readFile(latin.path), 'ISO-8859-1');
    expect(cpText).toContain('LECŒUR');
    expect(latinText).toContain('LECOEUR');
    expect(latinText.slice(latinText.indexOf('?>') + 2)).not.toContain('?');
    expect(latin.transliterated['Œ']).toBeGreaterThan(0);
    expect(cp.transliterated).toEqual({});
  });

  it('parses in every layout and line ending', async () => {
    for (const [layout, lineEnding] of [['lines', 'LF'], ['pretty', 'CRLF'], ['minified', 'LF']] as const) {
      const m = await generateCafFile({ households: 30, seed: 4, layout, lineEnding, out: out(`layout-${layout}.xml`) });
      const back = readBack(m.path);
      expect(back.households).toHaveLength(30);
      if (lineEnding === 'CRLF') expect(back.text).toContain('\r\n');
      if (layout === 'minified') expect(back.text.trim().split('\n')).toHaveLength(1);
      if (layout === 'pretty') expect(back.text).toContain('\n\t<InfosFoyerRSA>');
    }
  });

  it('writes Evenement blocks in daily files only', async () => {
    const d = await generateCafFile({ households: 40, seed: 4, kind: 'daily', out: out('daily.xml') });
    const back = readBack(d.path);
    expect(textAt(back.root, 'IdentificationFlux/TYPEFLUX')).toBe('I');
    expect(textAt(back.root, 'IdentificationFlux/DTREF')).toBe(d.header.dtcreaflux);
    for (const h of back.households) {
      const events = childrenNamed(h, 'Evenement');
      expect(events.length).toBeGreaterThan(0);
      expect(textAt(events[0], 'DTLIQ')).toBe(d.referenceDate);
    }
  });

  it('uses a realistic default name and writes the manifest beside the file', async () => {
    const m = await generateCafFile({ households: 3, seed: 12, kind: 'daily', outDir: dir });
    expect(m.fileName).toMatch(/^NRSACGIM_RSABEI_\d{8}_A\d{7}\.RCV$/);
    expect(m.fileName).toContain(m.header.dtcreaflux.replace(/-/g, ''));
    const manifestPath = await writeManifest(m);
    expect(manifestPath).toBe(`${m.path}.manifest.json`);
    expect(existsSync(manifestPath)).toBe(true);
    expect(JSON.parse(await readFile(manifestPath, 'utf8'))).toEqual(JSON.parse(JSON.stringify(m)));
    const monthly = await generateCafFile({ households: 1, seed: 12, outDir: dir });
    expect(monthly.fileName).toMatch(/^NRSACGIM_RSABEM_/);
  });

  it('keeps only counts and faults without detail', async () => {
    const m = await generateCafFile({ households: 50, seed: 13, manifestDetail: false, faults: ['missing-nir'], out: out('nodetail.xml') });
    expect(m.households).toBeUndefined();
    expect(m.totals.distinctDossiers).toBe(50);
    expect(m.faults.map((f) => f.fault)).toEqual(['missing-nir']);
    const manifestPath = await writeManifest(m);
    expect(JSON.parse(await readFile(manifestPath, 'utf8')).households).toBeUndefined();
    expect(at(readBack(m.path).root, 'TransmissionFlux')).toBeDefined();
  });

  it('rejects bad options', async () => {
    await expect(generateCafFile({ households: 5, faults: ['nope'], out: out('x.xml') })).rejects.toThrow(/unknown fault/);
    await expect(generateCafFile({ households: 5, date: '2025-02-30', out: out('x.xml') })).rejects.toThrow(/date/);
    await expect(generateCafFile({ households: 5, time: '25:00:00', out: out('x.xml') })).rejects.toThrow(/time/);
    await expect(generateCafFile({ households: -1, out: out('x.xml') })).rejects.toThrow(/households/);
    await expect(generateCafFile({ households: 2, faults: ['duplicate-numdemrsa', 'nir-conflict'], out: out('x.xml') })).rejects.toThrow(/need 4 households/);
    await expect(generateCafFile({ households: 5, faults: ['bom', 'cp1252-declared-utf8'], out: out('x.xml') })).rejects.toThrow(/pick one/);
  });
});

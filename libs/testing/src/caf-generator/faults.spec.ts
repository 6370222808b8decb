import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNir } from '@rsa/kernel';
import { FAULT_CATALOG, FAULT_NAMES, type FaultName } from './fault-catalog';
import { generateCafFile } from './generate-caf-file';
import type { GenManifest, ManifestFault } from './manifest';
import { at, childrenNamed, parseXml, readBack, textAt, type XmlNode } from './read-back.test-helper';

const HOUSEHOLDS = 60;

describe('fault injection', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caf-faults-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const generate = (fault: FaultName, extra: { encoding?: 'ISO-8859-1' } = {}) =>
    generateCafFile({ households: HOUSEHOLDS, seed: 31, kind: 'monthly', faults: [fault], out: join(dir, `${fault}.xml`), ...extra });
  const only = (m: GenManifest, fault: string): ManifestFault => {
    const found = m.faults.filter((f) => f.fault === fault);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const byNumdem = (households: XmlNode[], numdemrsa: string) => households.filter((h) => textAt(h, 'IdentificationRSA/DemandeRSA/NUMDEMRSA') === numdemrsa);
  const household = (m: GenManifest, numdemrsa: string) => m.households!.find((h) => h.numdemrsa === numdemrsa)!;

  it('records every fault in the manifest with the catalogue expectation', async () => {
    for (const fault of FAULT_NAMES) {
      const m = await generate(fault);
      const entries = m.faults.filter((f) => f.fault === fault);
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) expect(e).toMatchObject({ level: FAULT_CATALOG[fault].level, expected: FAULT_CATALOG[fault].expected });
      expect(m.expectedFileOutcome).toBe(FAULT_CATALOG[fault].expected === 'file-rejected' ? 'file-rejected' : 'accepted');
    }
  });

  describe('file-level, rejected', () => {
    it('truncated: cut inside a household, no </Racine>', async () => {
      const m = await generate('truncated');
      const text = await readFile(m.path, 'latin1');
      expect(text).not.toContain('</Racine>');
      expect(text).not.toContain('TransmissionFlux');
      expect(m.count).toBe(HOUSEHOLDS / 2);
      expect(text.split('<InfosFoyerRSA>')).toHaveLength(m.count + 2);
      expect(m.footer).toBeNull();
      expect(() => parseXml(text.slice(text.indexOf('<Racine>')))).toThrow();
    });

    it('missing-footer, missing-header', async () => {
      const noFooter = await generate('missing-footer');
      const footerless = readBack(noFooter.path);
      expect(at(footerless.root, 'TransmissionFlux')).toBeUndefined();
      expect(footerless.text).toContain('</Racine>');
      expect(footerless.households).toHaveLength(HOUSEHOLDS);
      const noHeader = await generate('missing-header');
      const headerless = readBack(noHeader.path);
      expect(at(headerless.root, 'IdentificationFlux')).toBeUndefined();
      expect(headerless.root.children[0].name).toBe('InfosFoyerRSA');
    });

    it('count-mismatch: the footer announces one household too many', async () => {
      const m = await generate('count-mismatch');
      const back = readBack(m.path);
      expect(back.households).toHaveLength(HOUSEHOLDS);
      expect(textAt(back.root, 'TransmissionFlux/NBTOTDOSRSATRANSM')).toBe(String(HOUSEHOLDS + 1).padStart(8, '0'));
    });

    it('utf8-declared-cp1252: UTF-8 accents under a windows-1252 declaration', async () => {
      const m = await generate('utf8-declared-cp1252');
      const bytes = await readFile(m.path);
      expect(bytes.subarray(0, 50).toString('latin1')).toContain('encoding="windows-1252"');
      const f = only(m, 'utf8-declared-cp1252');
      expect(f.detail).toMatch(/PRENOM=(HÉLÈNE|JÉRÔME)/);
      expect(bytes.includes(Buffer.from('É', 'utf8'))).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    });

    it('cp1252-declared-utf8: windows-1252 bytes under a UTF-8 declaration', async () => {
      const m = await generate('cp1252-declared-utf8');
      const bytes = await readFile(m.path);
      expect(bytes.subarray(0, 50).toString('latin1')).toContain('encoding="UTF-8"');
      expect(bytes.includes(0xc9)).toBe(true); // É in windows-1252
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    });

    it('unknown-natflux, unknown-typeflux', async () => {
      expect(textAt(readBack((await generate('unknown-natflux')).path).root, 'IdentificationFlux/NATFLUX')).toBe('X');
      expect(textAt(readBack((await generate('unknown-typeflux')).path).root, 'IdentificationFlux/TYPEFLUX')).toBe('Q');
    });

    it('malformed-xml: an unclosed element makes the file unparsable', async () => {
      const m = await generate('malformed-xml');
      const f = only(m, 'malformed-xml');
      expect(f.numdemrsa).toMatch(/^\d{8}059$/);
      expect(() => readBack(m.path)).toThrow();
      const text = await readFile(m.path, 'latin1');
      expect(text).toContain('</Racine>');
      expect(text.split('<NOM>').length).toBeGreaterThan(text.split('</NOM>').length);
    });
  });

  describe('file-level, accepted', () => {
    it('bom: a UTF-8 file with a byte order mark', async () => {
      const m = await generate('bom');
      const bytes = await readFile(m.path);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(m.encoding).toEqual({ actual: 'UTF-8', declared: 'UTF-8', bom: true });
      expect(readBack(m.path).households).toHaveLength(HOUSEHOLDS);
    });

    it('padded-values: text padded with spaces to its maximum length', async () => {
      const m = await generate('padded-values');
      const back = readBack(m.path);
      const nom = textAt(back.households[0], 'Personne/Identification/NOM')!;
      expect(nom).toHaveLength(28);
      expect(nom.trim()).not.toBe(nom);
      expect(textAt(back.households[0], 'Personne/Identification/PRENOM')).toHaveLength(32);
      expect(textAt(back.households[0], 'IdentificationRSA/Partenaire/TYPEPARTE')).toBe('CG  ');
    });

    it('empty-elements: optional elements written self-closed', async () => {
      const text = await readFile((await generate('empty-elements')).path, 'latin1');
      expect(text).toContain('<PRENOM2 />');
      expect(text).toContain('<NUMDEMRSAPRECE />');
    });

    it('booleans-true-false', async () => {
      const text = await readFile((await generate('booleans-true-false')).path, 'latin1');
      expect(text).toMatch(/<TOPRESPDOS>true<\/TOPRESPDOS>/);
      expect(text).toMatch(/<TOPCHAPERS>false<\/TOPCHAPERS>/);
      expect(text).not.toMatch(/<TOP[A-Z]+>[01]</);
    });

    it('time-fraction: HEUCREAFLUX with two fraction digits', async () => {
      const m = await generate('time-fraction');
      expect(m.header.heucreaflux).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{2}$/);
      expect(textAt(readBack(m.path).root, 'IdentificationFlux/HEUCREAFLUX')).toBe(m.header.heucreaflux);
    });
  });

  describe('record-level, household rejected', () => {
    it.each([
      ['missing-donnees-administratives', (h: XmlNode) => expect(at(h, 'DonneesAdministratives')).toBeUndefined()],
      ['missing-prestation-rsa', (h: XmlNode) => expect(at(h, 'PrestationRSA')).toBeUndefined()],
      ['invalid-date', (h: XmlNode) => expect(childrenNamed(h, 'Personne').map((p) => textAt(p, 'Identification/DTNAI'))).toContain('2023-02-30')],
      ['unparsable-decimal', (h: XmlNode) => expect(textAt(h, 'PrestationRSA/DetailDroitRSA/MontantsCalculDroitRSA/MTREVMINIGARARSA')).toBe('12,5A')],
    ] as const)('%s', async (fault, check) => {
      const m = await generate(fault);
      const f = only(m, fault);
      const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
      check(h);
      const described = household(m, f.numdemrsa!);
      expect(described.expected).toBe('household-rejected');
      expect(described.persons.every((p) => !p.expectedEntrant)).toBe(true);
      expect(m.totals.householdsRejected).toBe(1);
    });

    it('missing-numdemrsa', async () => {
      const m = await generate('missing-numdemrsa');
      const f = only(m, 'missing-numdemrsa');
      expect(f.numdemrsa).toBeUndefined();
      const h = readBack(m.path).households[f.ordinal!];
      expect(at(h, 'IdentificationRSA/DemandeRSA/NUMDEMRSA')).toBeUndefined();
      expect(textAt(h, 'IdentificationRSA/Organisme/MATRICULE')).toBe(f.matricule);
      expect(m.households![f.ordinal!]).toMatchObject({ numdemrsa: null, expected: 'household-rejected' });
    });
  });

  describe('record-level, flagged or accepted', () => {
    it('unknown-etatdosrsa: ETATDOSRSA 9, no entrant', async () => {
      const m = await generate('unknown-etatdosrsa');
      const f = only(m, 'unknown-etatdosrsa');
      const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
      expect(textAt(h, 'PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA')).toBe('9');
      expect(household(m, f.numdemrsa!)).toMatchObject({ expected: 'flagged', etatdosrsa: '9' });
      expect(household(m, f.numdemrsa!).persons.some((p) => p.expectedEntrant)).toBe(false);
    });

    it('unknown-motif: ETATDOSRSA 4 with MOTISUSVERSRSA ZZ', async () => {
      const m = await generate('unknown-motif');
      const f = only(m, 'unknown-motif');
      const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
      expect(textAt(h, 'PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA')).toBe('4');
      expect(textAt(h, 'PrestationRSA/SituationDossierRSA/SuspensionVersement/MOTISUSVERSRSA')).toBe('ZZ');
    });

    it('nir-bad-key and nir-15: 15-character NIRs, with a wrong and a right key', async () => {
      for (const [fault, valid] of [['nir-bad-key', false], ['nir-15', true]] as const) {
        const m = await generate(fault);
        const f = only(m, fault);
        const nirs = household(m, f.numdemrsa!).persons.map((p) => p.nir).filter((n) => n?.length === 15);
        expect(nirs).toHaveLength(1);
        expect(checkNir(nirs[0]).valid).toBe(valid);
        const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
        expect(childrenNamed(h, 'Personne').map((p) => textAt(p, 'Identification/NIR'))).toContain(nirs[0]);
      }
    });

    it('missing-nir: the demandeur has no NIR element', async () => {
      const m = await generate('missing-nir');
      const f = only(m, 'missing-nir');
      const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
      expect(at(h, 'Personne/Identification/NIR')).toBeUndefined();
      expect(household(m, f.numdemrsa!).persons[0].nir).toBeNull();
    });

    it('typedtnai-o: TYPEDTNAI O and DTNAI on 01-01', async () => {
      const m = await generate('typedtnai-o');
      const f = only(m, 'typedtnai-o');
      const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
      expect(textAt(h, 'Personne/Identification/TYPEDTNAI')).toBe('O');
      expect(textAt(h, 'Personne/Identification/DTNAI')).toMatch(/^\d{4}-01-01$/);
    });

    it('out-of-order: children of Organisme and Identification not in sequence order', async () => {
      const m = await generate('out-of-order');
      const f = only(m, 'out-of-order');
      const [h] = byNumdem(readBack(m.path).households, f.numdemrsa!);
      expect(at(h, 'IdentificationRSA/Organisme')!.children[0].name).toBe('MATRICULE');
      expect(at(h, 'Personne/Identification')!.children[0].name).toBe('SEXE');
      expect(household(m, f.numdemrsa!).expected).toBe('accepted');
    });

    it('anomalie-blocks: LIBANO with characters to escape, counted in the footer', async () => {
      const m = await generate('anomalie-blocks');
      const entries = m.faults.filter((f) => f.fault === 'anomalie-blocks');
      expect(entries).toHaveLength(3);
      const back = readBack(m.path);
      const libanos = byNumdem(back.households, entries[0].numdemrsa!).flatMap((h) => childrenNamed(h, 'Anomalie').map((a) => textAt(a, 'LIBANO')));
      for (const ch of ['<', '>', '&', "'"]) expect(libanos.join(' ')).toContain(ch);
      expect(textAt(back.root, 'TransmissionFlux/NBTOTDOSRSATRANSMANO')).toBe('00000003');
      expect(back.text).toContain('&amp;');
    });

    it('duplicate-numdemrsa: twice in the file, the manifest keeps the last version', async () => {
      const m = await generate('duplicate-numdemrsa');
      const f = only(m, 'duplicate-numdemrsa');
      const back = readBack(m.path);
      const occurrences = byNumdem(back.households, f.numdemrsa!);
      expect(occurrences).toHaveLength(2);
      expect(back.text.split(`<NUMDEMRSA>${f.numdemrsa}</NUMDEMRSA>`)).toHaveLength(3);
      const state = (h: XmlNode) => textAt(h, 'PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA');
      expect(state(occurrences[0])).not.toBe(state(occurrences[1]));
      const listed = m.households!.filter((h) => h.numdemrsa === f.numdemrsa);
      expect(listed).toHaveLength(1);
      expect(listed[0].etatdosrsa).toBe(state(occurrences[1]));
      expect(listed[0].ordinal).toBe(back.households.indexOf(occurrences[1]));
      expect(m.count).toBe(HOUSEHOLDS);
      expect(m.totals.distinctDossiers).toBe(HOUSEHOLDS - 1);
      expect(m.households).toHaveLength(HOUSEHOLDS - 1);
    });

    it('same-person-two-dossiers: same NIR and DTNAI, the new dossier points to the old one', async () => {
      const m = await generate('same-person-two-dossiers');
      const f = only(m, 'same-person-two-dossiers');
      const back = readBack(m.path);
      const [newer] = byNumdem(back.households, f.numdemrsa!);
      const [older] = byNumdem(back.households, f.relatedNumdemrsa!);
      const id = (h: XmlNode) => [textAt(h, 'Personne/Identification/NIR'), textAt(h, 'Personne/Identification/DTNAI'), textAt(h, 'Personne/Identification/NOMNAI')];
      expect(id(newer)).toEqual(id(older));
      expect(id(newer)[0]).toMatch(/^\d{5}\w{2}000\d{3}$/);
      expect(textAt(newer, 'Personne/DossierCAF/NUMDEMRSAPRECE')).toBe(f.relatedNumdemrsa);
      expect(household(m, f.relatedNumdemrsa!).etatdosrsa).toBe('5');
      expect(household(m, f.numdemrsa!)).toMatchObject({ expected: 'accepted', etatdosrsa: '2' });
    });

    it('nir-conflict: same NIR, different DTNAI, in two dossiers', async () => {
      const m = await generate('nir-conflict');
      const f = only(m, 'nir-conflict');
      const back = readBack(m.path);
      const [a] = byNumdem(back.households, f.relatedNumdemrsa!);
      const [b] = byNumdem(back.households, f.numdemrsa!);
      expect(textAt(a, 'Personne/Identification/NIR')).toBe(textAt(b, 'Personne/Identification/NIR'));
      expect(textAt(a, 'Personne/Identification/DTNAI')).not.toBe(textAt(b, 'Personne/Identification/DTNAI'));
      expect(household(m, f.numdemrsa!).expected).toBe('flagged');
      expect(household(m, f.relatedNumdemrsa!).expected).toBe('accepted');
      // A NIR is one person's: its second holder is not expected to enter while the first does.
      const first = household(m, f.relatedNumdemrsa!).persons[0];
      const second = household(m, f.numdemrsa!).persons[0];
      expect([first.nir, first.expectedEntrant]).toEqual([second.nir, true]);
      expect(second.expectedEntrant).toBe(false);
    });
  });

  it('combines every record-level fault in one file, each on its own household', async () => {
    const record = FAULT_NAMES.filter((f) => FAULT_CATALOG[f].level === 'record');
    const m = await generateCafFile({ households: 200, seed: 5, faults: record, out: join(dir, 'all.xml') });
    expect(new Set(m.faults.map((f) => f.fault))).toEqual(new Set(record));
    const ordinals = m.faults.map((f) => f.ordinal);
    expect(new Set(ordinals).size).toBe(ordinals.length);
    expect(m.totals.householdsRejected).toBe(5);
  });
});

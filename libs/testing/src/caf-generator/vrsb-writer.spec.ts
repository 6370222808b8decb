import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHouseholds } from './generate-households';
import { buildHeader } from './header';
import type { GenHousehold } from './model';
import { at, childrenNamed, readBack, textAt } from './read-back.test-helper';
import { writeVrsbFile } from './vrsb-writer';

describe('writeVrsbFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vrsb-writer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const header = buildHeader(1, 'monthly', '2025-01-31');

  it('writes incrementally: the file grows while the households are still being produced', async () => {
    const path = join(dir, 'stream.xml');
    const sizes: number[] = [];
    function* watched(): Generator<GenHousehold> {
      for (const h of generateHouseholds(5, 20_000)) {
        if (h.index % 5000 === 4999) sizes.push(statSync(path).size);
        yield h;
      }
    }
    const result = await writeVrsbFile(path, header, watched());
    expect(result.count).toBe(20_000);
    expect(sizes).toHaveLength(4);
    // Already on disk before the iterable is exhausted, and growing: nothing waits for the end.
    expect(sizes[0]).toBeGreaterThan(1_000_000);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]);
    expect(sizes[3]).toBeLessThan(result.bytes);
    expect(statSync(path).size).toBe(result.bytes);
  }, 120_000);

  it('accepts any iterable, counts in the footer and follows the envelope order', async () => {
    const path = join(dir, 'small.xml');
    const households = [...generateHouseholds(6, 7)];
    const result = await writeVrsbFile(path, header, households);
    expect(result.footer).toEqual({ nbtotdosrsatransm: '00000007', nbtotdosrsatransmano: '00000000' });
    const back = readBack(path);
    expect(back.root.children.map((c) => c.name)).toEqual(['IdentificationFlux', ...Array(7).fill('InfosFoyerRSA'), 'TransmissionFlux']);
    expect(textAt(back.root, 'TransmissionFlux/NBTOTDOSRSATRANSM')).toBe('00000007');
    expect(textAt(back.root, 'IdentificationFlux/TYPEFLUX')).toBe('M');
    expect(back.households.map((h) => textAt(h, 'IdentificationRSA/DemandeRSA/NUMDEMRSA'))).toEqual(households.map((h) => h.demandeRsa.numdemrsa));
  });

  it('follows the xsd:sequence order inside the blocks', async () => {
    const path = join(dir, 'order.xml');
    await writeVrsbFile(path, header, generateHouseholds(8, 30));
    const back = readBack(path);
    const isSubsequence = (names: string[], order: string[]) => {
      let k = 0;
      for (const n of names) {
        while (k < order.length && order[k] !== n) k++;
        if (k === order.length) return false;
      }
      return true;
    };
    const ident = ['QUAL', 'NOM', 'NOMNAI', 'PRENOM', 'PRENOM2', 'PRENOM3', 'NOMCOMNAI', 'DTNAI', 'RGNAI', 'TYPEDTNAI', 'NIR', 'TOPVALIEC', 'SEXE'];
    const personne = ['Identification', 'DossierCAF', 'Prestations', 'Rattachement', 'DossierPoleEmploi', 'Ressources', 'MontantCalculDroitRSAPersonne', 'Activite', 'PensionAlimentaire', 'Grossesse'];
    const foyer = ['IdentificationRSA', 'Personne', 'DonneesAdministratives', 'PrestationRSA', 'Evenement', 'Controle', 'Anomalie'];
    for (const h of back.households) {
      expect(isSubsequence(h.children.map((c) => c.name), foyer)).toBe(true);
      for (const p of childrenNamed(h, 'Personne')) {
        expect(isSubsequence(p.children.map((c) => c.name), personne)).toBe(true);
        expect(isSubsequence(at(p, 'Identification')!.children.map((c) => c.name), ident)).toBe(true);
        expect(childrenNamed(p, 'Prestations')).toHaveLength(2);
      }
    }
  });

  it('cuts the file in the middle of a household on request', async () => {
    const path = join(dir, 'cut.xml');
    const result = await writeVrsbFile(path, header, generateHouseholds(9, 10), { truncateAtOrdinal: 4 });
    const text = await readFile(path, 'latin1');
    expect(result).toMatchObject({ count: 4, truncated: true, footer: null });
    expect(text).not.toContain('</Racine>');
    expect(text.split('<InfosFoyerRSA>')).toHaveLength(6);
    expect(text.split('</InfosFoyerRSA>')).toHaveLength(5);
  });
});

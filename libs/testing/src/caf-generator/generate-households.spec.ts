import { checkNir } from '@rsa/kernel';
import { yearsBetween } from './calendar';
import { NORD_COMMUNES } from './data/nord-communes';
import { generateHouseholds } from './generate-households';
import { isExpectedEntrant } from './manifest';
import type { GenHousehold } from './model';

const ROLE = (p: GenHousehold['persons'][number]) => p.prestations[1].rolepers;

describe('generateHouseholds', () => {
  const monthly = [...generateHouseholds(2024, 3000, { kind: 'monthly' })];
  const persons = monthly.flatMap((h) => h.persons);

  it('is a generator: households come one at a time', () => {
    const it = generateHouseholds(1, 1_000_000);
    expect(typeof it.next).toBe('function');
    expect(it.next().value.index).toBe(0);
    expect(it.next().value.index).toBe(1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect([...generateHouseholds(2024, 50, { kind: 'monthly' })]).toEqual(monthly.slice(0, 50));
    const other = [...generateHouseholds(2025, 50, { kind: 'monthly' })];
    expect(other.map((h) => h.demandeRsa.numdemrsa)).not.toEqual(monthly.slice(0, 50).map((h) => h.demandeRsa.numdemrsa));
  });

  it('does not depend on how many households are asked for', () => {
    expect([...generateHouseholds(2024, 10, { kind: 'monthly' })]).toEqual(monthly.slice(0, 10));
  });

  it('writes Nord identifiers: NUMDEMRSA …059, IDEPARTE 059, TYPEPARTE padded, NUMORG 591, MATRICULE shared', () => {
    for (const h of monthly) {
      expect(h.demandeRsa.numdemrsa).toMatch(/^\d{8}059$/);
      expect(h.partenaire).toEqual({ typeparte: 'CG  ', ideparte: '059' });
      expect(h.organisme.numorg).toBe('591');
      expect(h.organisme.matricule).toMatch(/^\d{7}0{8}$/);
    }
    expect(new Set(monthly.map((h) => h.demandeRsa.numdemrsa)).size).toBe(monthly.length);
  });

  it('writes 13-character fictitious NIRs (commune part 000), unique, about 2 % missing', () => {
    const withNir = persons.filter((p) => p.nir !== null);
    for (const p of withNir) {
      expect(p.nir).toHaveLength(13);
      expect(p.nir!.slice(7, 10)).toBe('000');
      expect(p.nir![0]).toBe(p.sexe);
      expect(p.nir!.slice(1, 5)).toBe(p.dtnai.slice(2, 4) + p.dtnai.slice(5, 7));
      expect(checkNir(p.nir).valid).toBe(true);
    }
    expect(new Set(withNir.map((p) => p.nir)).size).toBe(withNir.length);
    const missing = 1 - withNir.length / persons.length;
    expect(missing).toBeGreaterThan(0.005);
    expect(missing).toBeLessThan(0.04);
  });

  it('puts a DEM first, at most one CJT, children and AUT without MontantCalculDroitRSAPersonne', () => {
    for (const h of monthly) {
      expect(ROLE(h.persons[0])).toBe('DEM');
      expect(h.persons.filter((p) => ROLE(p) === 'CJT').length).toBeLessThanOrEqual(1);
      for (const p of h.persons) {
        expect(p.prestations.map((pr) => pr.natprest)).toEqual(['PFA', 'RSA']);
        if (ROLE(p) === 'ENF' || ROLE(p) === 'AUT') expect(p.montantCalculDroit).toBeNull();
        else expect(p.montantCalculDroit).not.toBeNull();
        expect(p.rattachements.length).toBeLessThanOrEqual(2);
      }
    }
    expect(persons.some((p) => ROLE(p) === 'AUT')).toBe(true);
  });

  it('keeps ages plausible: adults 18+, mostly 25–64, children born after their parent turned 16', () => {
    for (const h of monthly) {
      const ref = h.montantsCalculDroit?.dfelecal ?? '2026-01-01';
      const dem = h.persons[0];
      expect(yearsBetween(dem.dtnai, ref)).toBeGreaterThanOrEqual(18);
      for (const child of h.persons.filter((p) => ROLE(p) === 'ENF')) {
        if (child.dtnai.endsWith('-01-01') || dem.dtnai.endsWith('-01-01')) continue; // TYPEDTNAI O
        expect(yearsBetween(dem.dtnai, child.dtnai) + 1).toBeGreaterThanOrEqual(16);
      }
    }
    const young = monthly.filter((h) => yearsBetween(h.persons[0].dtnai, '2026-01-01') < 25 && !h.persons.some((p) => ROLE(p) === 'ENF'));
    expect(young.length / monthly.length).toBeLessThan(0.05);
  });

  it('follows the composition: a third to half single men, children in about 40 % of foyers', () => {
    const singleMen = monthly.filter((h) => h.persons.length === 1 && h.persons[0].sexe === '1').length / monthly.length;
    const withChildren = monthly.filter((h) => h.persons.some((p) => ROLE(p) === 'ENF')).length / monthly.length;
    expect(singleMen).toBeGreaterThan(0.3);
    expect(singleMen).toBeLessThan(0.45);
    expect(withChildren).toBeGreaterThan(0.3);
    expect(withChildren).toBeLessThan(0.5);
  });

  it('places every address in a real Nord commune', () => {
    const byInsee = new Map(NORD_COMMUNES.map((c) => [c.insee, c]));
    for (const a of monthly.flatMap((h) => h.addresses)) {
      const commune = byInsee.get(a.numcom);
      expect(commune).toBeDefined();
      expect(a.codepos).toBe(commune!.postcode);
      expect(a.numcom.startsWith('59')).toBe(true);
    }
  });

  it('makes entrants the majority of DEM/CJT with an open right', () => {
    const openAdults = monthly.flatMap((h) => (['2', '3', '4'].includes(h.etatdosrsa) ? h.persons.filter((p) => ['DEM', 'CJT'].includes(ROLE(p))).map((p) => ({ h, p })) : []));
    const entrants = openAdults.filter(({ h, p }) => isExpectedEntrant(h, p));
    // People in work, training or on sick leave are not convened (deliberation L2491), hence well below 1.
    expect(entrants.length / openAdults.length).toBeGreaterThan(0.65);
    expect(entrants.length / openAdults.length).toBeLessThan(0.97);
  });

  it('produces every excluded case', () => {
    const open = (h: GenHousehold) => ['2', '3', '4'].includes(h.etatdosrsa);
    // NSDD: open right but not subject to droits et devoirs.
    expect(monthly.some((h) => open(h) && h.persons.some((p) => p.montantCalculDroit?.toppersdrodevorsa === false))).toBe(true);
    for (const state of ['0', '1', '5', '6']) expect(monthly.some((h) => h.etatdosrsa === state)).toBe(true);
    // Closed dossiers sometimes keep TOPPERSDRODEVORSA=1: the state must decide.
    expect(monthly.some((h) => ['5', '6'].includes(h.etatdosrsa) && h.persons.some((p) => p.montantCalculDroit?.toppersdrodevorsa))).toBe(true);
    const left = monthly.flatMap((h) => h.persons.filter((p) => p.dfratdos !== null).map((p) => ({ h, p })));
    expect(left.length).toBeGreaterThan(0);
    for (const { h, p } of left) expect(isExpectedEntrant(h, p)).toBe(false);
    const mutations = monthly.filter((h) => h.organismePrenant !== null);
    expect(mutations.length).toBeGreaterThan(0);
    for (const h of mutations) {
      expect(h.finDroit?.moticlorsa).toBe('MUT');
      for (const p of h.persons) expect(isExpectedEntrant(h, p)).toBe(false);
    }
  });

  it('fills the companion block of each state', () => {
    for (const h of monthly) {
      expect(h.refus !== null).toBe(h.etatdosrsa === '1');
      expect(h.suspensionsDroit.length > 0).toBe(h.etatdosrsa === '3');
      expect(h.suspensionsVersement.length > 0).toBe(h.etatdosrsa === '4');
      expect(h.finDroit !== null).toBe(h.etatdosrsa === '5');
      expect(h.finDroitMoisAnterieur !== null).toBe(h.etatdosrsa === '6');
    }
  });

  it('writes amounts as 7+2 digit decimals', () => {
    const amounts = monthly.flatMap((h) => (h.montantsCalculDroit ? [h.montantsCalculDroit.mtrevminigararsa, h.montantsCalculDroit.mttotdrorsa] : []));
    expect(amounts.length).toBeGreaterThan(1000);
    for (const a of amounts) expect(a).toMatch(/^\d{7}\.\d{2}$/);
  });

  it('includes accented, hyphenated and apostrophe names', () => {
    const names = persons.flatMap((p) => [p.nom, p.prenom]);
    expect(names.some((n) => /[ÉÈÇËÏÔ]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes('-'))).toBe(true);
  });

  it('gives daily households Evenement blocks on the reference day, and monthly ones none', () => {
    const daily = [...generateHouseholds(2024, 500, { kind: 'daily', referenceDate: '2025-03-12' })];
    for (const h of daily) {
      expect(h.evenements.length).toBeGreaterThan(0);
      for (const e of h.evenements) {
        expect(e.dtliq).toBe('2025-03-12');
        expect(e.heuliq).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{4}$/);
      }
    }
    const fgs = daily.flatMap((h) => h.evenements.map((e) => e.fg));
    const count = (fg: string) => fgs.filter((f) => f === fg).length;
    expect(count('RESTRIRSA')).toBeGreaterThan(count('SUS'));
    expect(count('SUS')).toBeGreaterThan(count('MUT'));
    expect(count('ENTDED')).toBeGreaterThan(0);
    expect(monthly.every((h) => h.evenements.length === 0)).toBe(true);
  });

  it('normalises a monthly reference date to the end of its month', () => {
    const [h] = [...generateHouseholds(3, 1, { kind: 'monthly', referenceDate: '2024-02-10' })];
    expect(h.persons[0].ressources?.dfress ?? '2023-11-30').toBe('2023-11-30');
  });
});

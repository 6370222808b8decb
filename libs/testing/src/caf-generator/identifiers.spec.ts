import { checkNir } from '@rsa/kernel';
import { DossierNumbers, nir15, nir15WithBadKey, NirAllocator } from './identifiers';

describe('dossier numbers', () => {
  const numbers = new DossierNumbers(42);

  it('writes NUMDEMRSA as 8 digits + 059, unique', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const n = numbers.numdemrsa(i);
      expect(n).toMatch(/^\d{8}059$/);
      seen.add(n);
    }
    expect(seen.size).toBe(20_000);
  });

  it('writes MATRICULE as 7 digits + 00000000, unique', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const m = numbers.matricule15(i);
      expect(m).toMatch(/^\d{7}0{8}$/);
      seen.add(m);
    }
    expect(seen.size).toBe(20_000);
  });

  it('depends on the seed', () => {
    expect(new DossierNumbers(1).numdemrsa(0)).not.toBe(new DossierNumbers(2).numdemrsa(0));
  });
});

describe('NirAllocator', () => {
  it('writes fictitious 13-character NIRs consistent with sex and birth month', () => {
    const nirs = new NirAllocator(5);
    const nir = nirs.allocate({ sexe: '2', dtnai: '1988-04-02', departement: '59' });
    expect(nir).toMatch(/^2880459000\d{3}$/);
    expect(nir.slice(7, 10)).toBe('000');
    expect(checkNir(nir)).toMatchObject({ valid: true, nir13: nir });
  });

  it('handles Corsica and people born abroad, still with commune part 000', () => {
    const nirs = new NirAllocator(5);
    expect(nirs.allocate({ sexe: '1', dtnai: '1970-01-15', departement: '2A' })).toMatch(/^170012A000\d{3}$/);
    const abroad = nirs.allocate({ sexe: '1', dtnai: '1970-01-15', departement: '99' });
    expect(abroad).toMatch(/^1700199000\d{3}$/);
    expect(checkNir(abroad).valid).toBe(true);
  });

  it('never gives the same NIR twice, even past 999 people born the same month', () => {
    const nirs = new NirAllocator(9);
    const seen = new Set<string>();
    for (let i = 0; i < 2500; i++) {
      const nir = nirs.allocate({ sexe: '1', dtnai: '1985-06-10', departement: '59' });
      expect(nir.slice(0, 5)).toBe('18506');
      expect(nir.slice(7, 10)).toBe('000');
      seen.add(nir);
    }
    expect(seen.size).toBe(2500);
  });

  it('builds 15-character forms with a right and a wrong key', () => {
    const nir13 = new NirAllocator(1).allocate({ sexe: '1', dtnai: '1990-12-01', departement: '62' });
    expect(checkNir(nir15(nir13))).toMatchObject({ valid: true, reason: 'ok' });
    expect(nir15WithBadKey(nir13)).toHaveLength(15);
    expect(checkNir(nir15WithBadKey(nir13))).toMatchObject({ valid: false, reason: 'bad-key' });
  });
});

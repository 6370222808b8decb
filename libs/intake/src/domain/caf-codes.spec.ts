import { CAF_CODE_LISTS, ETATDOSRSA_CODES, isKnownCafCode, MOTISUSVERSRSA_CODES, ROLEPERS_CODES } from './caf-codes';

describe('CAF code lists (CAF-FORMAT §5)', () => {
  it('knows the states of the RSA right, not WebRSA’s Z', () => {
    expect([...ETATDOSRSA_CODES]).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(isKnownCafCode('ETATDOSRSA', 'Z')).toBe(false);
  });

  it('knows the roles and the prestations', () => {
    expect(['DEM', 'CJT', 'ENF', 'AUT'].every((role) => ROLEPERS_CODES.has(role))).toBe(true);
    expect(isKnownCafCode('NATPREST', 'RSA')).toBe(true);
    expect(isKnownCafCode('NATPREST', 'AAH')).toBe(false);
  });

  it('keeps the leading zeros of numeric codes', () => {
    expect(MOTISUSVERSRSA_CODES.has('06')).toBe(true);
    expect(MOTISUSVERSRSA_CODES.has('6')).toBe(false);
    expect(isKnownCafCode('RGADR', '01')).toBe(true);
  });

  it('covers every element the reader checks', () => {
    expect(Object.keys(CAF_CODE_LISTS).sort()).toEqual(
      [
        'ETATADR', 'ETATDOSRSA', 'FG', 'FONORG', 'MOTICLORSA', 'MOTIREFURSA', 'MOTISUSDRORSA', 'MOTISUSVERSRSA', 'NATGROUPFSUS',
        'NATPF', 'NATPREST', 'ORIDEMRSA', 'QUAL', 'REGAGRIFAM', 'RGADR', 'ROLEPERS', 'SEXE', 'SITFAM', 'TYPEADR', 'TYPEDTNAI',
        'TYPEPAR', 'TYPEPARTE',
      ].sort(),
    );
    expect(isKnownCafCode('FG', 'ENTDED')).toBe(true);
    expect(isKnownCafCode('SITFAM', 'VIM')).toBe(true);
    expect(isKnownCafCode('MOTICLORSA', 'CCG')).toBe(false); // VRSD code, not VRSB0801
  });
});

import { checkNir, holdsLongNumber, maskNir, maskRawNir, nirKey } from './nir';

describe('NIR', () => {
  it('computes the key as 97 - (NIR13 mod 97)', () => {
    // 1 84 12 76 451 089 -> key 46 (INSEE worked example)
    expect(nirKey('1841276451089')).toBe('46');
  });

  it('counts Corsica 2A as 19 and 2B as 18', () => {
    const n = '184012A123456';
    expect(nirKey(n)).toBe(nirKey('1840119123456'));
    expect(nirKey('184012B123456')).toBe(nirKey('1840118123456'));
  });

  it('accepts 13 chars and returns the computed key', () => {
    expect(checkNir(' 1841276451089 ')).toEqual({ nir13: '1841276451089', key: '46', valid: true, reason: 'ok' });
  });

  it('checks the key of a 15-char NIR', () => {
    expect(checkNir('184127645108946').valid).toBe(true);
    expect(checkNir('184127645108947')).toMatchObject({ valid: false, reason: 'bad-key' });
  });

  it('rejects bad shapes and empties', () => {
    expect(checkNir('')).toMatchObject({ valid: false, reason: 'empty' });
    expect(checkNir(null)).toMatchObject({ valid: false, reason: 'empty' });
    expect(checkNir('12345')).toMatchObject({ valid: false, reason: 'bad-shape' });
    expect(checkNir('5841276451089')).toMatchObject({ valid: false, reason: 'bad-shape' });
  });

  it('masks all but sex, year and month', () => {
    expect(maskNir('1841276451089')).toBe('18412••••••••');
    expect(maskNir(null)).toBeNull();
  });

  it('masks a NIR as a file wrote it, whatever its shape', () => {
    expect(maskRawNir(' 1841276451089 ')).toBe('18412••••••••');
    expect(maskRawNir('184127645108948')).toBe('18412••••••••');
    expect(maskRawNir('ABC123')).toBe('••••••');
  });
});

describe('holdsLongNumber', () => {
  it.each(['2880459000073', 'DSR-1234567', '2-94-05-59-000-003-83', '1 73 07 59 000 506 12', '2.94.05.59.000.003'])('finds a long number in %s', (text) => {
    expect(holdsLongNumber(text)).toBe(true);
  });
  it.each(['DSR-2026-0042', 'req-42', 'abc-123', '2026/12/02-001'])('finds none in %s', (text) => {
    expect(holdsLongNumber(text)).toBe(false);
  });
});

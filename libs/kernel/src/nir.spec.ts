import { randomUUID } from 'node:crypto';
import { checkNir, holdsLongNumber, maskNir, maskTypedNirs, maskRawNir, nirKey } from './nir';

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

describe('maskTypedNirs', () => {
  it('masks a NIR in a path however it was written: plain, with its key, grouped, encoded once or twice, Corsican', () => {
    expect(maskTypedNirs('/a/1880459000073/b')).toBe('/a/18804••••••••/b');
    expect(maskTypedNirs('/a/188045900007345')).toBe('/a/18804••••••••');
    expect(maskTypedNirs('/a/1%2088%2004%2059%20000%20073')).toBe('/a/1 88 04 ••••••••');
    expect(maskTypedNirs('/a/1%252088%252004%252059%2520000%2520073')).toBe('/a/1 88 04 ••••••••');
    expect(maskTypedNirs('/a/1.88.04.2A.000.073')).toBe('/a/1.88.04.••••••••');
    // A malformed escape or a non-ASCII one stays as it is; a UUID is not a NIR.
    expect(maskTypedNirs('/x/%E0/%/1880459000073')).toBe('/x/%E0/%/18804••••••••');
    expect(maskTypedNirs('/b/8dde8bfe-76f4-4fb8-981a-a63dd3e4384e')).toBe('/b/8dde8bfe-76f4-4fb8-981a-a63dd3e4384e');
  });
});

describe('maskTypedNirs, NIRs written loosely', () => {
  it('masks groups of an overseas birth, other separators, UTF-8 escapes and a word glued to it', () => {
    expect(maskTypedNirs('/b/1%2088%2004%20971%2023%20456%2078')).toBe('/b/1 88 04 ••••••••');
    expect(maskTypedNirs('/b/1%C2%A088%C2%A004%C2%A059%C2%A0123%C2%A0456')).toBe('/b/1 88 04 ••••••••');
    expect(maskTypedNirs('/b/1\u200988\u200904\u200959\u2009123\u2009456')).toBe('/b/1 88 04 ••••••••');
    expect(maskTypedNirs('/b/1_88_04_59_123_456_78')).toBe('/b/1 88 04 ••••••••');
    expect(maskTypedNirs('/b/1 - 88 - 04 - 59 - 123 - 456')).toBe('/b/1 88 04 ••••••••');
    expect(maskTypedNirs('/b/1+88+04+2B+123+456')).toBe('/b/1 88 04 ••••••••');
    expect(maskTypedNirs('/b/nir188045912345678')).toBe('/b/nir18804••••••••');
    expect(maskTypedNirs('/x/1880459123456a')).toBe('/x/18804••••••••a');
  });

  it('leaves ids, dates, SIRETs, amounts and escapes where no NIR is, as they were', () => {
    for (const text of [
      '/intake/files/123/rejects/4567',
      '/x/12345678901234567890',
      '/x/9 88 04 59 123 456',
      'Slot 2026-12-01 75001',
      '/export/20261201_12345',
      'amount 1 234 567.890 123',
      'SIRET 123 456 789 00012',
      '100%25 sure',
      "{q:'a%2Fb'}",
    ]) {
      expect(maskTypedNirs(text)).toBe(text);
    }
  });

  it('never changes a UUID (200,000 random ones)', () => {
    for (let i = 0; i < 200_000; i++) {
      const id = randomUUID();
      const path = `/beneficiaries/${id}/contracts/${id}`;
      if (maskTypedNirs(path) !== path) throw new Error(`changed: ${path}`);
    }
  });
});

import { hashParts, Rng } from './prng';

describe('Rng', () => {
  it('gives the same sequence for the same seed and parts', () => {
    const a = Rng.of(42, 'household', 'monthly', 7);
    const b = Rng.of(42, 'household', 'monthly', 7);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
  });

  it('separates streams that a naive concatenation would merge', () => {
    expect(hashParts(1, 23)).not.toBe(hashParts(12, 3));
    expect(hashParts(42)).not.toBe(hashParts('42'));
    expect(Rng.of(1, 'a').next()).not.toBe(Rng.of(2, 'a').next());
  });

  it('keeps int() within bounds and reaches both ends', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 6);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('never picks a zero-weight value and follows the weights', () => {
    const rng = new Rng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted<'a' | 'b' | 'c'>([['a', 3], ['b', 1], ['c', 0]])]++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
  });

  it('writes zero-padded digit strings', () => {
    expect(new Rng(3).digits(7)).toMatch(/^\d{7}$/);
  });
});

/**
 * Seeded pseudo-random numbers. The generator must give byte-identical files for the same seed and
 * options, so nothing here touches Math.random or the clock.
 *
 * mulberry32 (32-bit state) is small, fast and good enough for test data; seeds are hashed with
 * cyrb53-style mixing so that "seed 1, household 2" and "seed 12, household 0" never share a stream.
 */

export type Seed = number | string;

/** 32-bit hash of any number of parts (numbers or strings), order-sensitive. */
export function hashParts(...parts: readonly (string | number)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const text = parts.map((p) => `${typeof p}:${p}`).join('\u0001');
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new independent stream for (seed, ...parts). */
  static of(seed: Seed, ...parts: readonly (string | number)[]): Rng {
    return new Rng(hashParts(seed, ...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a key from `[value, weight]` pairs; weights need not sum to 1. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1][0];
  }

  /** Zero-padded decimal string of `width` random digits. */
  digits(width: number): string {
    let out = '';
    for (let i = 0; i < width; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** Exponential variate with the given median (for "age of the dossier"-like durations). */
  exponential(median: number): number {
    return (-Math.log(1 - this.next()) * median) / Math.LN2;
  }
}

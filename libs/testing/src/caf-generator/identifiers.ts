import { nirKey } from '@rsa/kernel';
import { hashParts, Rng, type Seed } from './prng';

/**
 * Identifiers per CAF-FORMAT.md §14.2, all guaranteed fictitious:
 * - NUMDEMRSA: 8 digits + département code (`059`), unique within a generated sequence;
 * - MATRICULE: 7 digits + `00000000` (leading zeros happen), shared by DEM and CJT;
 * - NIR: `S YY MM DD 000 OOO`; the commune/country part `000` is no INSEE code, so no generated
 *   NIR can be a real one.
 */

export const DEPARTEMENT = '059';

/**
 * An affine permutation of [0, modulus): `index -> (offset + index * stride) mod modulus`. With
 * `stride` coprime to the modulus it never repeats, so identifiers are unique and look scattered
 * while staying a pure function of (seed, index).
 */
export class AffinePermutation {
  private readonly offset: number;
  private readonly stride: number;

  constructor(
    private readonly modulus: number,
    seed: Seed,
    label: string,
    private readonly isCoprime: (n: number) => boolean,
  ) {
    const rng = Rng.of(seed, label);
    this.offset = Math.floor(rng.next() * modulus);
    let stride = Math.floor(modulus / 3 + rng.next() * (modulus / 2));
    while (!isCoprime(stride)) stride++;
    this.stride = stride;
  }

  at(index: number): number {
    if (index < 0 || index >= this.modulus) throw new RangeError(`index ${index} outside [0, ${this.modulus})`);
    // BigInt keeps offset + index * stride exact beyond 2^53 for large moduli.
    return Number((BigInt(this.offset) + BigInt(index) * BigInt(this.stride)) % BigInt(this.modulus));
  }
}

const coprimeWithPowerOf10 = (n: number) => n % 2 !== 0 && n % 5 !== 0;

export class DossierNumbers {
  private readonly numdem: AffinePermutation;
  private readonly matricule: AffinePermutation;

  constructor(seed: Seed) {
    this.numdem = new AffinePermutation(100_000_000, seed, 'numdemrsa', coprimeWithPowerOf10);
    this.matricule = new AffinePermutation(10_000_000, seed, 'matricule', coprimeWithPowerOf10);
  }

  numdemrsa(index: number): string {
    return String(this.numdem.at(index)).padStart(8, '0') + DEPARTEMENT;
  }

  matricule15(index: number): string {
    return String(this.matricule.at(index)).padStart(7, '0') + '00000000';
  }
}

export interface NirRequest {
  sexe: string;
  /** YYYY-MM-DD; year and month go into the NIR. */
  dtnai: string;
  /** Birth département: `59`, `2A`, `99` (abroad)… */
  departement: string;
}

/** Départements tried, in order, when a (sex, year, month, département) bucket is full. */
const OVERFLOW_DEPARTEMENTS = ['59', '62', '80', '02', '60', '75', '93', '99', '76', '69', '13', '95', '92', '94', '91', '78', '77'];

/**
 * Hands out 13-character NIRs without ever repeating one, and keeps people's identities apart. The
 * order number (`OOO`) is the only free part once sex, birth month and département are fixed, and
 * random order numbers would collide (birthday paradox: a few hundred people share a bucket in a
 * 100k-household file), creating identity anomalies no one asked for. So each bucket has a counter,
 * scrambled by a seed-dependent permutation of 1..999.
 *
 * For the same reason two people of a file must not share an identity key (birth name, first name,
 * birth date: how the intake keys people without a valid NIR): the intake would link them as one
 * person, or flag them, where the file means two, and the manifest's counts would be wrong.
 * `claimIdentity` remembers the keys given out, as 32-bit digests (a few MB for 200,000 people; a
 * false match only costs one more draw). These two are the only state carried from one household
 * to the next.
 */
export class NirAllocator {
  private readonly counters = new Map<string, number>();
  private readonly identities = new Set<number>();
  private readonly a: number;
  private readonly b: number;

  constructor(seed: Seed) {
    const h = hashParts(seed, 'nir-order');
    let a = 1 + (h % 997);
    while (a % 3 === 0 || a % 37 === 0) a++; // coprime with 999 = 27 × 37
    this.a = a;
    this.b = (h >>> 10) % 999;
  }

  /** True when no one of this file has had `identityKey` yet: it is now taken. */
  claimIdentity(identityKey: string): boolean {
    const digest = fnv1a(identityKey);
    if (this.identities.has(digest)) return false;
    this.identities.add(digest);
    return true;
  }

  allocate(request: NirRequest): string {
    const prefix = `${request.sexe}${request.dtnai.slice(2, 4)}${request.dtnai.slice(5, 7)}`;
    const candidates = [request.departement, ...OVERFLOW_DEPARTEMENTS.filter((d) => d !== request.departement)];
    for (const dep of candidates) {
      const key = prefix + dep;
      const used = this.counters.get(key) ?? 0;
      if (used >= 999) continue;
      this.counters.set(key, used + 1);
      // The per-bucket offset keeps the first people of every bucket from sharing one order number.
      const order = ((this.a * used + this.b + fnv1a(key)) % 999) + 1;
      return `${key}000${String(order).padStart(3, '0')}`;
    }
    throw new RangeError(`no NIR left for ${prefix}: too many people born the same month`);
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The 15-character form (13 + key), as instruction files carry it. */
export function nir15(nir13: string): string {
  return nir13 + nirKey(nir13);
}

/** A 15-character NIR whose key is deliberately wrong. */
export function nir15WithBadKey(nir13: string): string {
  const key = Number(nirKey(nir13));
  const wrong = key === 97 ? 1 : key + 1;
  return nir13 + String(wrong).padStart(2, '0');
}

/** France Travail identifier: 7 digits and a letter. */
export function idassedic(rng: Rng): string {
  return rng.digits(7) + String.fromCharCode(65 + rng.int(0, 25));
}

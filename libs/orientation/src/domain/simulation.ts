import { DOMINANTES, type Dominante, type Mix } from './dominante';

export interface MixReport {
  people: number;
  counts: Record<Dominante, number>;
  /** Percent of the people, one decimal. */
  mix: Mix;
  target: Mix | null;
  /** mix − target, in points, when there is a target. */
  gap: Mix | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The mix of a set of proposals, and how far it is from a target mix. */
export function mixOf(dominantes: readonly Dominante[], target: Mix | null): MixReport {
  const counts = Object.fromEntries(DOMINANTES.map((d) => [d, 0])) as Record<Dominante, number>;
  for (const d of dominantes) counts[d]++;
  const people = dominantes.length;
  const mix = Object.fromEntries(DOMINANTES.map((d) => [d, people ? round1((100 * counts[d]) / people) : 0])) as Mix;
  const gap = target ? (Object.fromEntries(DOMINANTES.map((d) => [d, round1(mix[d] - target[d])])) as Mix) : null;
  return { people, counts, mix, target, gap };
}

export function mixProblems(mix: Mix): string[] {
  const values = DOMINANTES.map((d) => mix[d]);
  if (values.some((v) => typeof v !== 'number' || v < 0 || v > 100)) return ['each share is a percentage, 0 to 100'];
  if (Math.abs(values.reduce((a, b) => a + b, 0) - 100) > 0.01) return ['the shares add up to 100'];
  return [];
}

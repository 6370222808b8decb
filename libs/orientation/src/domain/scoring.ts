import type { DiagnosticContent, DiagnosticFacts } from './diagnostic';

/**
 * The diagnostic's score: the distance from employment, 0 (ready for a job) to 100, as the sum of
 * what each answer adds, every addend shown (the source asks for *historisation et scoring*, L1446,
 * to measure progress beyond employment: the score of each version is kept). The profile is read
 * from the score. `SCORING_VERSION` is stored with each score: a change of weights is a new version,
 * and older scores stay comparable with theirs.
 */
export const SCORING_VERSION = 1;

export const PROFILES = ['close-to-work', 'intermediate', 'far-from-work'] as const;
export type Profile = (typeof PROFILES)[number];

export interface Score {
  version: number;
  value: number;
  profile: Profile;
  /** What each answer added, the largest first. */
  addends: { factor: string; points: number }[];
}

const POINTS = {
  blockingBarrier: 12,
  peripheralBarrier: 4,
  availability: { immediate: 0, near: 8, 'not-available': 20 },
  motivation: { 'work-and-support': 0, 'support-only': 8, none: 15 },
  autonomy: { complete: 0, medium: 5, none: 12 },
  lastExperience: { recent: 0, medium: 5, distant: 10, never: 12 },
  noQualification: 5,
  over58: 6,
  lowConfidence: 4,
} as const;

/** Up to 24: close to work; up to 54: intermediate; beyond: far from work. */
const PROFILE_BOUNDS: [number, Profile][] = [
  [24, 'close-to-work'],
  [54, 'intermediate'],
  [100, 'far-from-work'],
];

export function scoreOf(content: DiagnosticContent, facts: DiagnosticFacts): Score {
  const c = content.criteria;
  const addends: Score['addends'] = [
    ...facts.blocking.map((theme) => ({ factor: `blocking barrier: ${theme}`, points: POINTS.blockingBarrier })),
    ...facts.peripheral.map((theme) => ({ factor: `peripheral barrier: ${theme}`, points: POINTS.peripheralBarrier })),
    { factor: `availability: ${c.availability}`, points: POINTS.availability[c.availability] },
    { factor: `motivation: ${c.motivation}`, points: POINTS.motivation[c.motivation] },
    { factor: `autonomy: ${c.autonomy}`, points: POINTS.autonomy[c.autonomy] },
    { factor: `last experience: ${c.lastExperience}`, points: POINTS.lastExperience[c.lastExperience] },
    { factor: 'no qualification', points: c.qualification === 'none' ? POINTS.noQualification : 0 },
    { factor: 'over 58', points: facts.age > 58 ? POINTS.over58 : 0 },
    { factor: `confidence: ${content.powerToAct.confidence} of 4`, points: content.powerToAct.confidence <= 1 ? POINTS.lowConfidence : 0 },
  ]
    .filter((a) => a.points > 0)
    .sort((a, b) => b.points - a.points || a.factor.localeCompare(b.factor));
  const value = Math.min(100, addends.reduce((sum, a) => sum + a.points, 0));
  const profile = (PROFILE_BOUNDS.find(([bound]) => value <= bound) as [number, Profile])[1];
  return { version: SCORING_VERSION, value, profile, addends };
}

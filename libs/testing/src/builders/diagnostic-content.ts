import {
  AUTONOMIES,
  AVAILABILITIES,
  BARRIER_THEMES,
  EMPLOYMENT_SITUATIONS,
  LAST_EXPERIENCES,
  MOTIVATIONS,
  QUALIFICATION_LEVELS,
  THEME_CATALOGUE,
  type BarrierLevel,
  type DiagnosticContent,
  type ThemeAssessment,
} from '@rsa/orientation';
import type { Rng } from '../caf-generator/prng';

/**
 * A varied content: about 45% close to work (the référentiel's Emploi column, sometimes one answer
 * off), 30% with a few barriers still available, 25% drawn at random on every criterion and theme;
 * each theme with a barrier gets situations and objectives from the catalogue, wishes and *pouvoir
 * d'agir* are drawn too, so a version is the size a real one is.
 */
export function drawDiagnosticContent(rng: Rng): DiagnosticContent {
  const kind = rng.next();
  const levels: Record<string, BarrierLevel> = {};
  const criteria: DiagnosticContent['criteria'] = {
    availability: 'immediate',
    motivation: 'work-and-support',
    autonomy: 'complete',
    lastExperience: 'recent',
    employmentSituation: 'jobless',
    qualification: rng.pick(QUALIFICATION_LEVELS),
    franceTravailRegistered: rng.chance(0.8),
  };
  if (kind < 0.45) {
    for (const t of BARRIER_THEMES) levels[t] = rng.chance(0.08) ? 'peripheral' : 'none';
    if (rng.chance(0.25)) criteria.lastExperience = rng.pick(LAST_EXPERIENCES);
    if (rng.chance(0.1)) criteria.employmentSituation = rng.pick(EMPLOYMENT_SITUATIONS);
  } else if (kind < 0.75) {
    for (const t of BARRIER_THEMES) levels[t] = rng.chance(0.3) ? 'peripheral' : 'none';
    if (rng.chance(0.6)) levels[rng.pick(BARRIER_THEMES)] = 'blocking';
    criteria.availability = rng.pick(['immediate', 'near'] as const);
    criteria.autonomy = rng.pick(['complete', 'medium'] as const);
    criteria.lastExperience = rng.pick(['recent', 'medium'] as const);
  } else {
    for (const t of BARRIER_THEMES) levels[t] = rng.chance(0.5) ? 'none' : rng.chance(0.5) ? 'peripheral' : 'blocking';
    criteria.availability = rng.pick(AVAILABILITIES);
    criteria.motivation = rng.pick(MOTIVATIONS);
    criteria.autonomy = rng.pick(AUTONOMIES);
    criteria.lastExperience = rng.pick(LAST_EXPERIENCES);
    criteria.employmentSituation = rng.pick(EMPLOYMENT_SITUATIONS);
    criteria.franceTravailRegistered = rng.chance(0.7);
  }
  const some = (codes: readonly string[], min: number, max: number) => {
    const pool = [...codes];
    const n = Math.min(pool.length, rng.int(min, max));
    return Array.from({ length: n }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  };
  const themes = Object.fromEntries(
    BARRIER_THEMES.map((t): [string, ThemeAssessment] => {
      const level = levels[t];
      const catalogue = THEME_CATALOGUE[t];
      return [t, level === 'none' ? { level, situations: [], objectives: [], supportWanted: false } : { level, situations: some(catalogue.situations, 1, 2), objectives: some(catalogue.objectives, 0, 2), supportWanted: rng.chance(0.6) }];
    }),
  ) as DiagnosticContent['themes'];
  const rome = () => `${rng.pick(['A', 'D', 'F', 'G', 'H', 'J', 'K', 'N'])}${String(rng.int(1101, 1999))}`;
  return {
    themes,
    criteria,
    powerToAct: { confidence: rng.pick([1, 2, 3, 4] as const), supportWanted: rng.pick([1, 2, 3, 4] as const) },
    wishes: { dominante: rng.chance(0.3) ? rng.pick(['emploi', 'equilibre', 'remobilisation'] as const) : null, jobProjects: Array.from({ length: rng.int(0, 2) }, rome), training: rng.chance(0.3), businessCreation: rng.chance(0.05) },
  };
}

import { BARRIER_THEMES, type BarrierLevel, type BarrierTheme, type DiagnosticContent, type OrientationCriteria, type ThemeAssessment } from './diagnostic';

/**
 * A diagnostic's content for tests and simulations: the person closest to work (every criterion in
 * the référentiel's Emploi column, no barrier), changed by what is given.
 */
export function aDiagnosticContent(change: { criteria?: Partial<OrientationCriteria>; barriers?: Partial<Record<BarrierTheme, BarrierLevel>> } = {}): DiagnosticContent {
  const themes = Object.fromEntries(
    BARRIER_THEMES.map((theme): [BarrierTheme, ThemeAssessment] => [theme, { level: change.barriers?.[theme] ?? 'none', situations: [], objectives: [], supportWanted: false }]),
  ) as DiagnosticContent['themes'];
  return {
    themes,
    criteria: {
      availability: 'immediate',
      motivation: 'work-and-support',
      autonomy: 'complete',
      lastExperience: 'recent',
      employmentSituation: 'jobless',
      qualification: '4',
      franceTravailRegistered: true,
      ...change.criteria,
    },
    powerToAct: { confidence: 3, supportWanted: 2 },
    wishes: { dominante: null, jobProjects: [], training: false, businessCreation: false },
  };
}

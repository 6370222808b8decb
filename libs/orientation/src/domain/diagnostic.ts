import { isOneOf } from '@rsa/kernel';
import type { Dominante } from './dominante';

/**
 * The 360° diagnostic (DOMAIN.md §3, L3083-3105, L1442-1448, L3816-3968), in France Travail's
 * vocabulary so it can be exchanged without loss: per barrier theme (*contrainte*) its level, the
 * *situations* observed and the *objectifs* agreed; the orientation criteria; the person's *pouvoir
 * d'agir* and wishes. Codes and checkboxes only: the one free text is the professionals' summary,
 * which the product never reads. Health is a level and codes without any medical detail.
 */
export const BARRIER_THEMES = ['famille', 'demarches-administratives', 'budget', 'logement', 'savoirs-de-base', 'mobilite', 'autonomie-numerique', 'sante'] as const;
export type BarrierTheme = (typeof BARRIER_THEMES)[number];

/** none: no barrier; peripheral: it weighs but does not prevent work; blocking: it prevents work now. */
export const BARRIER_LEVELS = ['none', 'peripheral', 'blocking'] as const;
export type BarrierLevel = (typeof BARRIER_LEVELS)[number];

/**
 * Situations and objectives each theme may record (a catalogue, extended by adding codes). Health
 * codes say what the orientation needs (a limitation, a care under way), never a condition.
 */
export const THEME_CATALOGUE: Record<BarrierTheme, { situations: readonly string[]; objectives: readonly string[] }> = {
  famille: {
    situations: ['enfant-sans-mode-de-garde', 'parent-isole', 'aidant-familial', 'separation-en-cours', 'violences-intrafamiliales'],
    objectives: ['trouver-mode-de-garde', 'soutien-parentalite', 'organiser-aide-au-proche', 'mise-en-securite'],
  },
  'demarches-administratives': {
    situations: ['droits-non-ouverts', 'titre-de-sejour-a-renouveler', 'courrier-non-compris', 'dossier-en-retard'],
    objectives: ['ouvrir-ses-droits', 'regulariser-sa-situation', 'gagner-en-autonomie-administrative'],
  },
  budget: {
    situations: ['dettes', 'surendettement', 'sans-compte-bancaire', 'charges-superieures-aux-ressources'],
    objectives: ['etablir-un-budget', 'dossier-de-surendettement', 'ouvrir-un-compte', 'acceder-aux-aides'],
  },
  logement: {
    situations: ['sans-logement', 'hebergement-temporaire', 'logement-insalubre', 'impayes-de-loyer', 'expulsion-en-cours'],
    objectives: ['acceder-a-un-logement', 'se-maintenir-dans-le-logement', 'demande-logement-social'],
  },
  'savoirs-de-base': {
    situations: ['ne-lit-pas-le-francais', 'ecrit-difficilement', 'calcul-difficile', 'francais-langue-etrangere'],
    objectives: ['formation-savoirs-de-base', 'apprentissage-du-francais'],
  },
  mobilite: {
    situations: ['sans-permis', 'sans-vehicule', 'zone-non-desservie', 'mobilite-reduite-au-quartier'],
    objectives: ['passer-le-permis', 'solution-de-transport', 'elargir-son-perimetre'],
  },
  'autonomie-numerique': {
    situations: ['sans-equipement', 'sans-connexion', 'sans-adresse-email', 'ne-sait-pas-utiliser-les-services-en-ligne'],
    objectives: ['s-equiper', 'atelier-numerique', 'creer-ses-comptes-en-ligne'],
  },
  sante: {
    situations: ['limitation-pour-certains-postes', 'soins-en-cours', 'reconnaissance-handicap-en-cours', 'rqth'],
    objectives: ['bilan-de-sante', 'demarche-rqth', 'adapter-le-projet-professionnel'],
  },
};

export interface ThemeAssessment {
  level: BarrierLevel;
  situations: string[];
  objectives: string[];
  /** The person wants support on it. */
  supportWanted: boolean;
}

export const AVAILABILITIES = ['immediate', 'near', 'not-available'] as const;
export const MOTIVATIONS = ['work-and-support', 'support-only', 'none'] as const;
export const AUTONOMIES = ['complete', 'medium', 'none'] as const;
export const LAST_EXPERIENCES = ['recent', 'medium', 'distant', 'never'] as const;
export const EMPLOYMENT_SITUATIONS = ['jobless', 'part-time-compatible', 'part-time-incompatible', 'in-training'] as const;
/** France's qualification levels (nomenclature 2019: 3 = CAP/BEP … 8 = doctorate), `none` below 3. */
export const QUALIFICATION_LEVELS = ['none', '3', '4', '5', '6', '7', '8'] as const;

export type Availability = (typeof AVAILABILITIES)[number];
export type Motivation = (typeof MOTIVATIONS)[number];
export type Autonomy = (typeof AUTONOMIES)[number];
export type LastExperience = (typeof LAST_EXPERIENCES)[number];
export type EmploymentSituation = (typeof EMPLOYMENT_SITUATIONS)[number];
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/** The orientation criteria of the référentiel (DOMAIN.md §4); age comes from the birth date. */
export interface OrientationCriteria {
  availability: Availability;
  motivation: Motivation;
  autonomy: Autonomy;
  lastExperience: LastExperience;
  employmentSituation: EmploymentSituation;
  qualification: QualificationLevel;
  franceTravailRegistered: boolean;
}

/** France Travail's *pouvoir d'agir*: how confident the person is, how much support they want (1 to 4). */
export interface PowerToAct {
  confidence: 1 | 2 | 3 | 4;
  supportWanted: 1 | 2 | 3 | 4;
}

export interface Wishes {
  /** The dominante the person would choose, if they say. */
  dominante: Dominante | null;
  /** ROME codes of the jobs they aim at (France Travail's *besoins* are per job project). */
  jobProjects: string[];
  training: boolean;
  businessCreation: boolean;
}

export interface DiagnosticContent {
  themes: Record<BarrierTheme, ThemeAssessment>;
  criteria: OrientationCriteria;
  powerToAct: PowerToAct;
  wishes: Wishes;
}

/** What a diagnostic says in numbers, for the rules and the score. */
export interface DiagnosticFacts {
  age: number;
  blocking: BarrierTheme[];
  peripheral: BarrierTheme[];
}

export function factsOf(content: DiagnosticContent, age: number): DiagnosticFacts {
  const themes = BARRIER_THEMES.filter((t) => content.themes[t]);
  return {
    age,
    blocking: themes.filter((t) => content.themes[t].level === 'blocking'),
    peripheral: themes.filter((t) => content.themes[t].level === 'peripheral'),
  };
}

/** Full years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * What is wrong with a diagnostic's content, as a list of `path: problem` (empty when it is
 * fine): every theme assessed, codes from the catalogue, a theme without barrier has no situation
 * and no objective.
 */
export function contentProblems(content: DiagnosticContent): string[] {
  const problems: string[] = [];
  for (const theme of BARRIER_THEMES) {
    const a = content.themes?.[theme];
    if (!a) {
      problems.push(`themes.${theme}: missing`);
      continue;
    }
    const catalogue = THEME_CATALOGUE[theme];
    for (const s of a.situations) if (!catalogue.situations.includes(s)) problems.push(`themes.${theme}.situations: unknown code ${s}`);
    for (const o of a.objectives) if (!catalogue.objectives.includes(o)) problems.push(`themes.${theme}.objectives: unknown code ${o}`);
    if (new Set(a.situations).size !== a.situations.length || new Set(a.objectives).size !== a.objectives.length) problems.push(`themes.${theme}: a code given twice`);
    if (a.level === 'none' && a.situations.length > 0) problems.push(`themes.${theme}: situations recorded for a theme without barrier`);
    if (a.level === 'none' && a.objectives.length > 0) problems.push(`themes.${theme}: objectives set for a theme without barrier`);
  }
  for (const key of Object.keys(content.themes ?? {})) if (!isOneOf(BARRIER_THEMES, key)) problems.push(`themes.${key}: unknown theme`);
  for (const rome of content.wishes?.jobProjects ?? []) if (!/^[A-N]\d{4}$/.test(rome)) problems.push(`wishes.jobProjects: ${rome} is not a ROME code`);
  const projects = content.wishes?.jobProjects ?? [];
  if (new Set(projects).size !== projects.length) problems.push('wishes.jobProjects: a code given twice');
  return problems;
}

import { addDays } from '@rsa/kernel';
import { addMonths, weeklyIntensity, type ActionCategory, type ContractKind, type ExitReason, type PlannedAction } from '../domain/contract';

/**
 * The codes of the contrat d'engagement and of the exit, and the small rules around them that the
 * domain's `firstPeriod` / `renewalPeriod` / `weeklyIntensity` do not cover. Codes, not free text
 * (DOMAIN.md §11: "no free text where a checkbox does").
 */

/**
 * CER or PPAE: the contract follows the referent structure. A person oriented to a France Travail
 * agency signs a PPAE (projet personnalisé d'accès à l'emploi); every other referent structure
 * (Département service, Maison Nord Emploi, partner operator, Mission locale, Cap emploi) a CER
 * (contrat d'engagement réciproque) with the Département.
 */
export function contractKindFor(structureKind: string): ContractKind {
  return structureKind === 'france-travail-agency' ? 'ppae' : 'cer';
}

export const CONTRACT_STATUSES = ['draft', 'signed', 'renewed', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const LIVE_CONTRACT_STATUSES: readonly ContractStatus[] = ['draft', 'signed', 'renewed'];

/**
 * The référentiel of activities the weekly hours count (L2586: "un référentiel partagé des
 * activités"), by category. The code is stored; the label is shown.
 */
export const ACTION_CATALOGUE: Record<ActionCategory, Record<string, string>> = {
  interview: { 'individual-interview': 'Entretien individuel avec le référent', 'collective-interview': 'Entretien collectif' },
  workshop: {
    'cv-workshop': 'Atelier CV et lettre de motivation',
    'interview-preparation': 'Atelier préparation aux entretiens',
    'digital-skills': 'Atelier numérique',
    'job-club': 'Club emploi',
    'self-confidence': 'Atelier confiance en soi',
  },
  immersion: { pmsmp: 'Période de mise en situation en milieu professionnel (PMSMP)', 'company-visit': 'Visite d’entreprise' },
  training: { 'pre-qualifying': 'Formation préqualifiante', qualifying: 'Formation qualifiante', 'basic-skills': 'Savoirs de base', 'french-language': 'Français langue étrangère' },
  'job-search': { applications: 'Candidatures accompagnées', 'job-dating': 'Job dating, forum emploi', 'iae-recruitment': 'Recrutement en structure d’insertion (IAE)' },
  procedure: {
    'rights-access': 'Accès aux droits',
    housing: 'Démarches logement',
    childcare: 'Solution de garde d’enfants',
    budget: 'Accompagnement budgétaire',
    administrative: 'Démarches administratives',
  },
  health: { 'health-check': 'Bilan de santé', 'care-access': 'Accès aux soins' },
  mobility: { 'driving-licence': 'Permis de conduire', 'mobility-aid': 'Aide à la mobilité', 'mobility-workshop': 'Atelier mobilité' },
  other: { 'other-activity': 'Autre activité d’accompagnement' },
};

export function actionLabel(category: string, code: string): string | null {
  return (ACTION_CATALOGUE as Record<string, Record<string, string>>)[category]?.[code] ?? null;
}

export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_CANCEL_REASONS = ['person-request', 'provider-cancelled', 'not-suitable', 'health', 'found-employment', 'other'] as const;

/** planned → in-progress → done; planned or in-progress → cancelled (with its reason); done and cancelled are final. */
export function actionTransitionAllowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === 'planned') return to === 'in-progress' || to === 'done' || to === 'cancelled';
  if (from === 'in-progress') return to === 'done' || to === 'cancelled';
  return false;
}

/** A provider's code when it is not a structure of the organisation (AFPA, a training body's SIRET…). */
export const PROVIDER_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export const BILAN_OUTCOMES = ['renew', 'reorient', 'exit'] as const;
export type BilanOutcome = (typeof BILAN_OUTCOMES)[number];
export const BILAN_NEXT_STEPS = [
  'intensify-job-search',
  'immersion',
  'training',
  'iae',
  'health-care',
  'housing',
  'mobility',
  'childcare',
  'revisit-diagnostic',
  'hand-over-emploi',
  'ep-review',
] as const;

/** A renewal without the bilan of the period it follows: why (the bilan then comes later). */
export const RENEWAL_WITHOUT_BILAN_REASONS = ['person-unavailable', 'referent-unavailable', 'action-under-way'] as const;

/** The Monday of the week of `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, weekday === 0 ? -6 : 1 - weekday);
}

/** Whole weeks: the Monday on or before `from`, the Sunday on or after `to`. */
export function wholeWeeks(from: string, to: string): { fromOn: string; toOn: string } {
  return { fromOn: mondayOf(from), toOn: addDays(mondayOf(to), 6) };
}

export interface IntensityAdjustment {
  weeklyHours: number;
  reason: string;
  fromOn: string;
  toOn: string;
}

export interface WeekIntensity {
  /** Monday. */
  week: string;
  hours: number;
  floor: number;
  met: boolean;
  /** Above the 20 hours a week the accompaniment plans (DOMAIN.md §7), though the floor is met. */
  aboveRange: boolean;
  adjustment: { weeklyHours: number; reason: string } | null;
}

/** The longest span the intensity route reports at once. */
export const MAX_INTENSITY_WEEKS = 60;

/**
 * Each week's planned hours from `from` to `to` against the floor that applies: MIN_WEEKLY_HOURS
 * (15 h, DOMAIN.md §7) unless an adjustment covers the week. Cancelled actions do not count.
 */
export function intensityByWeek(actions: readonly (PlannedAction & { status: string })[], adjustments: readonly IntensityAdjustment[], from: string, to: string): WeekIntensity[] {
  const counted = actions.filter((a) => a.status !== 'cancelled');
  const weeks: WeekIntensity[] = [];
  for (let monday = mondayOf(from); monday <= to && weeks.length < MAX_INTENSITY_WEEKS; monday = addDays(monday, 7)) {
    const adjustment = adjustments.find((a) => a.fromOn <= monday && a.toOn >= monday) ?? null;
    const result = weeklyIntensity(counted, monday, adjustment ? { hours: adjustment.weeklyHours, reason: adjustment.reason } : null);
    weeks.push({ week: monday, hours: result.hours, floor: result.floor, met: result.intensive, aboveRange: result.aboveRange, adjustment: adjustment ? { weeklyHours: adjustment.weeklyHours, reason: adjustment.reason } : null });
  }
  return weeks;
}

/**
 * Follow-up in employment (DOMAIN.md §2.8 "suivi dans l'emploi" during the trial period, §9 "return
 * to employment and durable return at 6 months"): 1 month (the trial period of most contracts), 3
 * months and 6 months (the durable-return indicator) after the exit day.
 */
export const EMPLOYMENT_MILESTONES = { '1-month': 1, '3-months': 3, '6-months': 6 } as const;
export type EmploymentMilestone = keyof typeof EMPLOYMENT_MILESTONES;
export const EMPLOYMENT_MILESTONE_CODES = Object.keys(EMPLOYMENT_MILESTONES) as EmploymentMilestone[];

/** The exits followed in employment. */
export const EMPLOYMENT_EXITS: readonly ExitReason[] = ['employment', 'durable-employment'];

export function milestoneDueOn(exitOn: string, milestone: EmploymentMilestone): string {
  return addMonths(exitOn, EMPLOYMENT_MILESTONES[milestone]);
}

export const EMPLOYMENT_CONTRACT_TYPES = ['cdi', 'cdd', 'interim', 'iae', 'apprenticeship', 'self-employed', 'other'] as const;
export const WORKING_TIMES = ['full-time', 'part-time'] as const;

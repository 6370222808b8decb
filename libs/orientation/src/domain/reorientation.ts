import { isOneOf } from '@rsa/kernel';
import { addMonths } from './contract';
import { CONTRACT_MONTHS, DOMINANTES, type Dominante } from './dominante';

/** The person's word on the orientation (the beneficiary is involved in the choice, L2501). */
export const AGREEMENTS = ['agreed', 'disagreed', 'not-expressed'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

/** Why professionals chose something other than the proposal: codes, not free text. */
export const OVERRIDE_REASONS = [
  'person-wish',
  'professional-assessment',
  'health-situation',
  'family-situation',
  'recent-employment',
  'training-project',
  'local-offer',
  'other',
] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];

/** Why a réorientation is asked (or made directly). */
export const REORIENTATION_REASONS = [
  'bilan',
  'situation-improved',
  'situation-worsened',
  'health-situation',
  'employment-project',
  'person-request',
  'stock-review',
  'other',
] as const;
export type ReorientationReason = (typeof REORIENTATION_REASONS)[number];

/** Why a coordinator accepts or refuses a réorientation request. */
export const REORIENTATION_DECISION_REASONS = ['justified', 'ep-opinion', 'not-justified', 'diagnostic-outdated', 'person-disagrees', 'other'] as const;
export type ReorientationDecisionReason = (typeof REORIENTATION_DECISION_REASONS)[number];

export const EP_OPINIONS = ['favourable', 'unfavourable'] as const;
export type EpOpinion = (typeof EP_OPINIONS)[number];

/** How far a dominante is from the employment path: emploi 0, équilibre 1, remobilisation 2. */
const DISTANCE: Record<Dominante, number> = { emploi: 0, equilibre: 1, remobilisation: 2 };

export interface EpReview {
  required: boolean;
  /** Why the EP must review it (empty when it need not). */
  reasons: string[];
}

/**
 * Whether a réorientation goes through the équipe pluridisciplinaire. The source says a réorientation
 * is "réalisation d'un diagnostic" then "passage en EP de réorientation si nécessaire" (L2831), and
 * a change of dominante is an individual diagnostic and réorientation (L3153). The product reads
 * "si nécessaire" as:
 * - towards a more social dominante (Emploi → Équilibre or Remobilisation, Équilibre →
 *   Remobilisation): the person leaves, or moves away from, the employment path, a decision the EP
 *   reviews;
 * - before the end of the current dominante's first period (3 months for Emploi, 6 otherwise,
 *   DOMAIN.md §5: the bilan has not been made yet): the orientation has not been given its time;
 * - or when the requester asks for it.
 * A réorientation towards Emploi after the bilan is decided by the coordinator alone.
 */
export function epReviewFor(change: { from: Dominante; to: Dominante; periodStartsOn: string; on: string; requested?: boolean }): EpReview {
  const reasons: string[] = [];
  if (DISTANCE[change.to] > DISTANCE[change.from]) reasons.push(`towards a more social dominante (${change.from} → ${change.to}): EP review (L2831)`);
  const bilanDue = addMonths(change.periodStartsOn, CONTRACT_MONTHS[change.from].first);
  if (change.on < bilanDue) reasons.push(`before the end of the first ${CONTRACT_MONTHS[change.from].first}-month period (bilan due ${bilanDue}): EP review (L2831, DOMAIN.md §5)`);
  if (change.requested) reasons.push('asked for by the requester');
  return { required: reasons.length > 0, reasons };
}

export function isDominante(value: unknown): value is Dominante {
  return isOneOf(DOMINANTES, value);
}

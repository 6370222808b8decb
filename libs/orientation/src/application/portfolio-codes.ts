import { Role } from '@rsa/kernel';

/** The habilitation roles that hold a portfolio: Maison Nord Emploi referents, France Travail counsellors, partner operators. */
export const REFERENT_ROLES = [Role.Referent, Role.FtCounsellor, Role.PartnerOperator] as const;

/** Why a referent takes someone beyond their capacity: codes, not free text. */
export const OVER_CAPACITY_REASONS = ['continuity-of-care', 'no-other-referent', 'specialised-support', 'temporary-peak', 'person-choice'] as const;
export type OverCapacityReason = (typeof OVER_CAPACITY_REASONS)[number];

/** Why people move from one referent to another. */
export const TRANSFER_REASONS = ['absence', 'departure', 'rebalancing', 'specialised-support', 'person-request', 'review-decision'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];
export const TRANSFER_KINDS = ['permanent', 'temporary'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** What a portfolio review decides for one person. */
export const REVIEW_DECISIONS = ['continue', 'reorient-requested', 'exit-proposed', 'transfer-proposed', 'intensity-review'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The first accompaniment appointment's outcome, recorded by the referent. */
export const FIRST_APPOINTMENT_OUTCOMES = ['honoured', 'missed', 'cancelled'] as const;
export type FirstAppointmentOutcome = (typeof FIRST_APPOINTMENT_OUTCOMES)[number];

/** Why a first appointment falls after its deadline (only once the deadline has passed). */
export const LATE_REASONS = ['assigned-after-deadline', 'rescheduled-after-missed', 'person-unavailable', 'referent-unavailable'] as const;
export type LateReason = (typeof LATE_REASONS)[number];

/** The hour of a first appointment scheduled without a time: the next working day at 09:00 (Paris). */
export const DEFAULT_FIRST_APPOINTMENT_TIME = '09:00';

/** When a first appointment may begin, Paris time: office hours, the last one at 18:00 (an hour, over by 19:00). */
export const FIRST_APPOINTMENT_HOURS = { from: '08:00', lastStart: '18:00' } as const;

/**
 * Months between two portfolio reviews when the territory sets nothing: quarterly. DOMAIN.md §6
 * asks for regular reviews (L1509) without a frequency; this is the product's default.
 */
export const DEFAULT_REVIEW_EVERY_MONTHS = 3;

/** Weeks of load trend shown by default, and at most. */
export const DEFAULT_TREND_WEEKS = 8;
export const MAX_TREND_WEEKS = 52;

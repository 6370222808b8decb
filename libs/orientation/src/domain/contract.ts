import { addDays } from '@rsa/kernel';
import { CONTRACT_MONTHS, type Dominante } from './dominante';

/**
 * The contrat d'engagement: a CER with the Département or a PPAE with France Travail (DOMAIN.md §5,
 * §7). Its periods follow the dominante (Emploi 3 months + 3, Équilibre 6 + 3, Remobilisation 6 +
 * 6), its bilan is due at the end of the first period, its intensity is at least 15 hours a week
 * unless adjusted with a reason.
 */
export const CONTRACT_KINDS = ['cer', 'ppae'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const MIN_WEEKLY_HOURS = 15;
export const MAX_WEEKLY_HOURS = 20;
/**
 * What a week of the plan may hold at all: the legal maximum of a working week (Code du travail,
 * L3121-20, 48 hours). Above it the plan is not heavy but wrong (an action entered five times, hours
 * typed for a month), and the intensity would read "met" on nonsense: refused.
 */
export const MAX_PLANNED_WEEKLY_HOURS = 48;

/**
 * The heaviest week of a plan between `from` and `to` (the actions running each Monday-to-Sunday
 * week, as weeklyIntensity counts them), with its Monday.
 */
export function heaviestWeek(actions: readonly WeekAction[], firstMonday: string, to: string): { monday: string; hours: number } {
  let heaviest = { monday: firstMonday, hours: 0 };
  for (let monday = firstMonday; monday <= to; monday = addDays(monday, 7)) {
    const hours = hoursOfWeek(actions, monday);
    if (hours > heaviest.hours) heaviest = { monday, hours };
  }
  return heaviest;
}

type WeekAction = Pick<PlannedAction, 'weeklyHours' | 'startsOn' | 'endsOn'>;

/**
 * The hours of the actions running in the week of `monday` (Monday to Sunday). Hours come to a
 * tenth: summed in tenths, so that 5.1 + 4.8 + 5.1 is 15 and 0.6 + 39.7 + 7.7 is 48, not a float
 * off by a hair on either side of the floor or the ceiling.
 */
function hoursOfWeek(actions: readonly WeekAction[], monday: string): number {
  const sunday = addDays(monday, 6);
  return actions.filter((a) => a.startsOn <= sunday && a.endsOn >= monday).reduce((sum, a) => sum + Math.round(a.weeklyHours * 10), 0) / 10;
}
/** Days before the end of a period the referent is reminded. */
export const EXPIRY_REMINDER_DAYS = 15;

/** The referentiel of activities the weekly hours count (L2586). */
export const ACTION_CATEGORIES = ['interview', 'workshop', 'immersion', 'training', 'job-search', 'procedure', 'health', 'mobility', 'other'] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

export const INTENSITY_ADJUSTMENT_REASONS = ['health', 'childcare', 'part-time-job', 'training-schedule', 'other'] as const;

export const EXIT_REASONS = ['employment', 'durable-employment', 'training', 'business-creation', 'moved', 'right-closed', 'other'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** The same day `months` later (the last day of the month when it has no such day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface ContractPeriod {
  startsOn: string;
  /** The last day of the period. */
  endsOn: string;
  /** The bilan is due on the last day of the first period. */
  bilanDueOn: string;
  remindOn: string;
}

/** The first period of a contract signed on `signedOn` for a dominante. */
export function firstPeriod(dominante: Dominante, signedOn: string): ContractPeriod {
  const endsOn = addDays(addMonths(signedOn, CONTRACT_MONTHS[dominante].first), -1);
  return { startsOn: signedOn, endsOn, bilanDueOn: endsOn, remindOn: addDays(endsOn, -EXPIRY_REMINDER_DAYS) };
}

/** The renewal period that follows a period ending on `previousEndsOn`. */
export function renewalPeriod(dominante: Dominante, previousEndsOn: string): ContractPeriod {
  const startsOn = addDays(previousEndsOn, 1);
  const endsOn = addDays(addMonths(startsOn, CONTRACT_MONTHS[dominante].renewal), -1);
  return { startsOn, endsOn, bilanDueOn: endsOn, remindOn: addDays(endsOn, -EXPIRY_REMINDER_DAYS) };
}

export interface PlannedAction {
  category: ActionCategory;
  weeklyHours: number;
  startsOn: string;
  endsOn: string;
  provider: string | null;
}

/**
 * The weekly hours of an action plan in a given week (the actions running that Monday) and whether
 * they reach the intensity: at least MIN_WEEKLY_HOURS, unless an adjustment with its reason sets
 * another floor. Above MAX_WEEKLY_HOURS the week still reaches its floor, but goes beyond the 15 to
 * 20 hours the accompaniment plans (DOMAIN.md §7): a plan to look at again (too heavy, or an action
 * counted twice).
 */
export function weeklyIntensity(
  actions: readonly PlannedAction[],
  monday: string,
  adjustment: { hours: number; reason: string } | null,
): { hours: number; floor: number; intensive: boolean; aboveRange: boolean } {
  const hours = hoursOfWeek(actions, monday);
  const floor = adjustment ? adjustment.hours : MIN_WEEKLY_HOURS;
  return { hours, floor, intensive: hours >= floor, aboveRange: hours > MAX_WEEKLY_HOURS };
}

import { addDays } from '@rsa/kernel';
import type { HouseholdRecord, PersonRecord } from './caf-household';

/**
 * Who enters the accompaniment path from a CAF file (DOMAIN.md §2, deliberation L2470-2530,
 * L2491): a demandeur or conjoint (RSA role DEM/CJT) subject to droits et devoirs
 * (TOPPERSDRODEVORSA = 1) in a dossier whose right is open (ETATDOSRSA 2 versable, 3 droit suspendu,
 * 4 versement suspendu). The référentiel also lists people who are not convened; those the file can
 * show are excluded here, each with its reason so an operator can see why someone did not enter.
 */
export const OPEN_RIGHT_STATES = ['2', '3', '4'] as const;
/** The same states in SQL: `d.etatdosrsa IN ${OPEN_RIGHT_SQL}` is a dossier whose right is open (a live path's). */
export const OPEN_RIGHT_SQL = `(${OPEN_RIGHT_STATES.map((state) => `'${state}'`).join(', ')})`;

export type NonEntryReason =
  | 'not-dem-or-cjt'
  | 'not-subject-to-rights-and-duties'
  | 'right-not-open'
  | 'left-household'
  | 'moved-away'
  | 'hospitalised'
  | 'excluded-by-pcd'
  | 'in-employment'
  | 'in-training'
  | 'on-sick-leave'
  /** Not the rule's: the applier's, for a person the CAF wrote twice in one household (convened once, as the first). */
  | 'duplicate-in-household'
  /** The applier's too: a NIR already known with another birth date, whose holder has a live path (convened once; the anomaly says to review). */
  | 'same-nir-to-review'
  /** The applier's too: a record an operator found to be the same human as another record, which has a live path (same-human.ts). */
  | 'same-human-elsewhere';

/**
 * `recheckOn`: when the reason is bounded in time (an exclusion or an activity with an end date), the
 * day it no longer holds, from which the decision must be taken again even if the CAF sends nothing
 * new about the person; null when only a change in the file can let them in.
 */
export type EntryDecision = { enters: true } | { enters: false; reason: NonEntryReason; recheckOn: string | null };

/** What decideEntry reads of a household and of a person: all of it is also stored, so it can be decided again later. */
export type EntryHousehold = Pick<HouseholdRecord, 'etatdosrsa' | 'organismePrenant' | 'suspensionsVersement'>;
export type EntryPerson = Pick<PersonRecord, 'roleRsa' | 'toppersdrodevorsa' | 'dfratdos' | 'avisPcgPersonne' | 'activites'>;

/** MOTISUSVERSRSA 44: payment suspended for hospitalisation (CAF-FORMAT §5.6). */
const HOSPITALISATION = '44';
/**
 * Activite/ACT codes meaning the person is in work, training or on sick leave (CAF-FORMAT §5.9):
 * SAL salarié, ETU étudiant, MAL malade. Only a current activity counts.
 */
const ACTIVITY_EXCLUSIONS: Record<string, NonEntryReason> = {
  SAL: 'in-employment',
  ETU: 'in-training',
  MAL: 'on-sick-leave',
};

function isCurrent(from: string | null, to: string | null, on: string): boolean {
  return (from === null || from <= on) && (to === null || to >= on);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Decides whether `person` of `household` enters the path on `fluxDate` (the file's date, YYYY-MM-DD).
 * Checks run from the most structural to the most circumstantial, and the first that fails is the
 * reason reported.
 */
export function decideEntry(household: EntryHousehold, person: EntryPerson, fluxDate: string): EntryDecision {
  const no = (reason: NonEntryReason, until: string | null = null): EntryDecision => ({ enters: false, reason, recheckOn: until === null ? null : addDays(until, 1) });
  if (person.roleRsa !== 'DEM' && person.roleRsa !== 'CJT') return no('not-dem-or-cjt');
  if (!(OPEN_RIGHT_STATES as readonly string[]).includes(household.etatdosrsa)) return no('right-not-open');
  if (person.toppersdrodevorsa !== true) return no('not-subject-to-rights-and-duties');
  if (person.dfratdos !== null && person.dfratdos <= fluxDate) return no('left-household');
  if (household.organismePrenant !== null) return no('moved-away');
  if (household.etatdosrsa === '4' && household.suspensionsVersement.some((s) => s.motisusversrsa === HOSPITALISATION)) return no('hospitalised');
  const exclusion = person.avisPcgPersonne?.['ExclueRSA'];
  if (exclusion && !Array.isArray(exclusion) && typeof exclusion === 'object') {
    const until = text(exclusion['DFEXCL']);
    if (isCurrent(text(exclusion['DDEXCL']), until, fluxDate)) return no('excluded-by-pcd', until);
  }
  for (const activite of person.activites) {
    const reason = ACTIVITY_EXCLUSIONS[text(activite['ACT']) ?? ''];
    const until = text(activite['DFACT']);
    if (reason && isCurrent(text(activite['DDACT']), until, fluxDate)) return no(reason, until);
  }
  return { enters: true };
}

import type { HouseholdRecord, PersonRecord } from './caf-household';

/**
 * Who enters the accompaniment path from a CAF file (DOMAIN.md §2, deliberation L2470-2530,
 * L2491): a demandeur or conjoint (RSA role DEM/CJT) subject to droits et devoirs
 * (TOPPERSDRODEVORSA = 1) in a dossier whose right is open (ETATDOSRSA 2 versable, 3 droit suspendu,
 * 4 versement suspendu). The référentiel also lists people who are not convened; those the file can
 * show are excluded here, each with its reason so an operator can see why someone did not enter.
 */
export const OPEN_RIGHT_STATES = ['2', '3', '4'] as const;

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
  | 'on-sick-leave';

export type EntryDecision = { enters: true } | { enters: false; reason: NonEntryReason };

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
export function decideEntry(household: HouseholdRecord, person: PersonRecord, fluxDate: string): EntryDecision {
  if (person.roleRsa !== 'DEM' && person.roleRsa !== 'CJT') return { enters: false, reason: 'not-dem-or-cjt' };
  if (!(OPEN_RIGHT_STATES as readonly string[]).includes(household.etatdosrsa)) {
    return { enters: false, reason: 'right-not-open' };
  }
  if (person.toppersdrodevorsa !== true) return { enters: false, reason: 'not-subject-to-rights-and-duties' };
  if (person.dfratdos !== null && person.dfratdos <= fluxDate) return { enters: false, reason: 'left-household' };
  if (household.organismePrenant !== null) return { enters: false, reason: 'moved-away' };
  if (household.etatdosrsa === '4' && household.suspensionsVersement.some((s) => s.motisusversrsa === HOSPITALISATION)) {
    return { enters: false, reason: 'hospitalised' };
  }
  const exclusion = person.avisPcgPersonne?.['ExclueRSA'];
  if (exclusion && !Array.isArray(exclusion) && typeof exclusion === 'object') {
    if (isCurrent(text(exclusion['DDEXCL']), text(exclusion['DFEXCL']), fluxDate)) return { enters: false, reason: 'excluded-by-pcd' };
  }
  for (const activite of person.activites) {
    const reason = ACTIVITY_EXCLUSIONS[text(activite['ACT']) ?? ''];
    if (reason && isCurrent(text(activite['DDACT']), text(activite['DFACT']), fluxDate)) return { enters: false, reason };
  }
  return { enters: true };
}

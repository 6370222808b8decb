/** Why someone outside the territory's coordination may see a beneficiary's file. */
export const GRANT_BASES = [
  /** The person is in the professional's portfolio. */
  'referent',
  /** The professional takes part in the case (co-diagnostic binôme, EP member…). */
  'case-member',
  /** The person is assigned to a partner operator (or one of its professionals). */
  'assigned-operator',
  /** The person is oriented to the structure (France Travail, Mission locale, Cap emploi…). */
  'orientation',
  /** Shared for a stated reason (e.g. with France Travail for registration). */
  'shared',
] as const;

export type GrantBasis = (typeof GRANT_BASES)[number];

/**
 * The §14.3 distributions of CAF-FORMAT.md, as weight tables. Rows marked "assumption" there are
 * tunables: tests assert shapes and the presence of each case, never these exact shares.
 */

export type Composition =
  | 'man-alone'
  | 'woman-alone'
  | 'woman-children'
  | 'man-children'
  | 'couple'
  | 'couple-children';

export interface CompositionRow {
  composition: Composition;
  children: number;
  /** The INSEE row is "n or more" children. */
  orMore: boolean;
}

/** Household composition, % of foyers RSA socle (INSEE 2021). */
export const HOUSEHOLD_COMPOSITIONS: readonly (readonly [CompositionRow, number])[] = [
  [{ composition: 'man-alone', children: 0, orMore: false }, 36.8],
  [{ composition: 'woman-alone', children: 0, orMore: false }, 18.8],
  [{ composition: 'woman-children', children: 1, orMore: false }, 12.6],
  [{ composition: 'woman-children', children: 2, orMore: false }, 8.9],
  [{ composition: 'woman-children', children: 3, orMore: true }, 8.0],
  [{ composition: 'man-children', children: 1, orMore: false }, 1.5],
  [{ composition: 'man-children', children: 2, orMore: true }, 1.2],
  [{ composition: 'couple', children: 0, orMore: false }, 2.6],
  [{ composition: 'couple-children', children: 1, orMore: false }, 2.6],
  [{ composition: 'couple-children', children: 2, orMore: false }, 3.0],
  [{ composition: 'couple-children', children: 3, orMore: false }, 2.3],
  [{ composition: 'couple-children', children: 4, orMore: true }, 1.8],
];

/** "3+" and "4+" rows are spread over larger families. */
export const EXTRA_CHILDREN: readonly (readonly [number, number])[] = [
  [0, 60],
  [1, 25],
  [2, 10],
  [3, 5],
];

/** Share of foyers with an `AUT` person (ascendant, adult sibling…). */
export const OTHER_PERSON_SHARE = 0.02;

/** Adult age bands (DEM/CJT 25–64, mode 30–45); 18–24 only with children. */
export const ADULT_AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[25, 29], 14],
  [[30, 34], 15],
  [[35, 39], 15],
  [[40, 44], 14],
  [[45, 49], 12],
  [[50, 54], 11],
  [[55, 59], 11],
  [[60, 64], 8],
];
export const YOUNG_PARENT_BAND: readonly [readonly [number, number], number] = [[18, 24], 12];

export const ETATDOSRSA_MONTHLY: readonly (readonly [string, number])[] = [
  ['2', 78],
  ['4', 7],
  ['3', 1],
  ['5', 9],
  ['6', 1],
  ['0', 3],
  ['1', 1],
];

export const MOTISUSVERSRSA: readonly (readonly [string, number])[] = [
  ['06', 40],
  ['01', 25],
  ['05', 10],
  ['70', 5],
  ['36', 3],
  ['04', 2],
  ['02', 2],
  ['03', 2],
  ['09', 2],
  ['35', 2],
  ['44', 2],
  ['19', 2],
  ['AB', 1],
  ['CV', 1],
  ['97', 1],
];

export const MOTISUSDRORSA: readonly (readonly [string, number])[] = [
  ['DB', 25],
  ['DA', 15],
  ['DC', 10],
  ['DL', 15],
  ['DM', 10],
  ['DE', 10],
  ['GK', 5],
  ['GL', 5],
  ['DI', 5],
];

export const MOTICLORSA: readonly (readonly [string, number])[] = [
  ['ECH', 50],
  ['RFD', 15],
  ['MUT', 15],
  ['PCG', 10],
  ['RAU', 6],
  ['RGD', 4],
];

export const MOTIREFURSA: readonly (readonly [string, number])[] = [
  ['DSD', 40],
  ['F02', 20],
  ['F04', 10],
  ['F09', 10],
  ['PCG', 10],
  ['FDB', 5],
  ['F85', 5],
];

export const SITFAM_SINGLE: readonly (readonly [string, number])[] = [
  ['CEL', 60],
  ['DIV', 15],
  ['SEF', 8],
  ['SEL', 4],
  ['VEU', 3],
  ['ISO', 10],
];
export const SITFAM_SINGLE_PARENT: readonly (readonly [string, number])[] = [
  ['CEL', 35],
  ['DIV', 20],
  ['SEF', 15],
  ['SEL', 5],
  ['VEU', 3],
  ['ISO', 22],
];
export const SITFAM_COUPLE: readonly (readonly [string, number])[] = [
  ['VIM', 50],
  ['MAR', 35],
  ['PAC', 15],
];

/** NIR birth département of adults (99 = born abroad; 2A/2B Corsica). */
export const ADULT_BIRTH_DEPARTEMENTS: readonly (readonly [string, number])[] = [
  ['59', 68],
  ['62', 8],
  ['80', 2],
  ['02', 2],
  ['60', 1],
  ['75', 3],
  ['93', 1],
  ['69', 0.5],
  ['13', 0.5],
  ['76', 0.6],
  ['2A', 0.2],
  ['2B', 0.2],
  ['99', 13],
];
export const CHILD_BIRTH_DEPARTEMENTS: readonly (readonly [string, number])[] = [
  ['59', 90],
  ['62', 5],
  ['80', 1],
  ['75', 1],
  ['99', 3],
];

/** Activity of adults without a job (the job share is decided separately). */
export const ACT_WITHOUT_JOB: readonly (readonly [string, number])[] = [
  ['CHR', 30],
  ['CHO', 25],
  ['SAC', 20],
  ['ASS', 5],
  ['MAL', 5],
  ['INV', 3],
  ['ETU', 2],
  ['ETI', 2],
];

/** Daily `Evenement/FG`: RESTRIRSA > SITPRO > ADR > SUS > DEMRSA/ENTDED > RAD > MUT. */
export const DAILY_EVENTS: readonly (readonly [string, number])[] = [
  ['RESTRIRSA', 30],
  ['SITPRO', 22],
  ['ADR', 16],
  ['SUS', 11],
  ['DEMRSA', 8],
  ['ENTDED', 8],
  ['RAD', 3],
  ['MUT', 2],
];
/** Second events added to some daily dossiers, without state effect. */
export const SECONDARY_EVENTS: readonly (readonly [string, number])[] = [
  ['RESTRIRSA', 30],
  ['SITPRO', 20],
  ['ADR', 15],
  ['SITFAM', 8],
  ['ETACIV', 5],
  ['CARRSA', 5],
  ['SITENFAUT', 5],
];

/** Other CAFs used for incoming/outgoing mutations (invented 3-digit organisme numbers). */
export const OTHER_NUMORG: readonly string[] = ['621', '801', '021', '751', '931', '691'];

/**
 * Montant forfaitaire and forfait logement (approximately the 2024 values; amounts only need to
 * look right — §14.3 says tests must not depend on them).
 */
export const RSA_AMOUNTS = {
  base: 635.71,
  secondPerson: 0.5,
  extraDependant: 0.3,
  fromThirdChild: 0.4,
  housing: [76.29, 152.57, 188.82] as const,
  /** Monthly activity income above which a person is not subject to droits et devoirs. */
  ddThreshold: 500,
};

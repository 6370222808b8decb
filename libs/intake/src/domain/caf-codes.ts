/**
 * Code lists of the CAF bénéficiaire flux (VRSB0801) that the intake knows, taken from CAF-FORMAT §5
 * (WebRSA / atolcd `.po` files, carnet-de-bord). A value outside these lists is not an error: code lists
 * evolve between CNAF versions, so the reader stores the value and flags it (CAF-FORMAT §13.6).
 *
 * Booleans (TOPSANSDOMFIXE, TOPPERSDRODEVORSA…) are not code lists: a bad boolean is a parse fault.
 */

/** §5.1 — state of the RSA right. `Z` is a WebRSA-only value, not a CAF code, so it is deliberately absent. */
export const ETATDOSRSA_CODES: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5', '6']);

/** §5.2 — role of a person in a prestation (`BEN` is the VRSD successor of DEM/CJT). */
export const ROLEPERS_CODES: ReadonlySet<string> = new Set(['DEM', 'CJT', 'ENF', 'AUT', 'RDO', 'BEN']);

/** §5.2 — the two prestations every person carries (XSD `Prestations [2..2]`). */
export const NATPREST_CODES: ReadonlySet<string> = new Set(['PFA', 'RSA']);

/** §5.4 — family situation of the foyer. */
export const SITFAM_CODES: ReadonlySet<string> = new Set([
  'ABA', 'CEL', 'DIV', 'ISO', 'MAR', 'PAC', 'RPA', 'RVC', 'RVM', 'SEF', 'SEL', 'VEU', 'VIM',
]);

/** §5.6 — reason of a payment suspension (ETATDOSRSA=4). */
export const MOTISUSVERSRSA_CODES: ReadonlySet<string> = new Set([
  '01', '02', '03', '04', '05', '06', '09', '19', '31', '34', '35', '36', '44', '70', '78', '84', '85', '97',
  'AB', 'CG', 'CV', 'CZ', 'DA', 'DB', 'DC',
]);

/** §5.7 — reason of a right suspension (ETATDOSRSA=3): dossier codes D*, prestation-group codes G*. */
export const MOTISUSDRORSA_CODES: ReadonlySet<string> = new Set([
  'DA', 'DB', 'DC', 'DD', 'DE', 'DF', 'DG', 'DH', 'DI', 'DJ', 'DK', 'DL', 'DM', 'DN', 'DO', 'DP', 'DQ', 'DR',
  'GA', 'GC', 'GE', 'GF', 'GI', 'GJ', 'GK', 'GL', 'GR', 'GS', 'GX',
]);

/** §5.7 — prestation group concerned by a right suspension. */
export const NATGROUPFSUS_CODES: ReadonlySet<string> = new Set(['RSA', 'RSX', 'RCX', 'DIF', 'HOS', 'ISO']);

/** §5.8 — reason of closure (FinDroit, FinDroitMoisAnterieur; VRSD codes are not VRSB0801 codes). */
export const MOTICLORSA_CODES: ReadonlySet<string> = new Set([
  'PCG', 'ECH', 'EFF', 'MUT', 'RGD', 'RFD', 'RAU', 'RST', 'RSO',
]);

/** §5.8 — reason of refusal (Refus, ETATDOSRSA=1). */
export const MOTIREFURSA_CODES: ReadonlySet<string> = new Set([
  'DSD', 'F02', 'F04', 'F09', 'F85', 'F97', 'FDB', 'FDD', 'PCG',
]);

/** §5.10 — fait générateur of an `Evenement` (daily files). */
export const FG_CODES: ReadonlySet<string> = new Set([
  'DEMRSA', 'ENTDED', 'SUS', 'RAD', 'MUT', 'ADR', 'SITFAM', 'SITPRO', 'RESTRIRSA', 'ETACIV', 'DESALL',
  'SITENFAUT', 'CARRSA', 'PROPCG', 'DECDEMPCG', 'DERPRE', 'EXCPRE', 'HOSPLA', 'CREALI', 'ASF', 'INTGRO',
  'TITPEN', 'RECPEN', 'JUSRSAJEU', 'REA', 'ABANEURES', 'AIDFAM', 'JUSACT', 'SURPONEXP', 'CIRMA', 'SUIRMA',
]);

/** §5.9 — title; the dotted forms come from older data. */
export const QUAL_CODES: ReadonlySet<string> = new Set(['MR', 'MME', 'MLE', 'M.', 'Mme.', 'Mlle.']);

/** §5.9 — 1 homme, 2 femme. */
export const SEXE_CODES: ReadonlySet<string> = new Set(['1', '2']);

/** §5.9 — N day and month known, J day unknown, O day and month unknown. */
export const TYPEDTNAI_CODES: ReadonlySet<string> = new Set(['N', 'J', 'O']);

/** §5.9 — organism serving the RSA. */
export const FONORG_CODES: ReadonlySet<string> = new Set(['CAF', 'MSA']);

/** §5.9 — partner type (VRSD spellings CGD/CTE included: they may show up before the schema changes). */
export const TYPEPARTE_CODES: ReadonlySet<string> = new Set(['CG', 'CT', 'CCAS', 'CIAS', 'MDPH', 'PE', 'CGD', 'CTE']);

/** §5.9 — origin of the demand (2009 switch-over from RMI/API). */
export const ORIDEMRSA_CODES: ReadonlySet<string> = new Set(['DEM', 'RMI', 'API']);

/** §5.9 — agricultural scheme of the foyer. */
export const REGAGRIFAM_CODES: ReadonlySet<string> = new Set(['SA', 'NSA']);

/** §5.9 — address rank, type and check state. */
export const RGADR_CODES: ReadonlySet<string> = new Set(['01', '02', '03']);
export const TYPEADR_CODES: ReadonlySet<string> = new Set(['D', 'P', 'R']);
export const ETATADR_CODES: ReadonlySet<string> = new Set(['CO', 'NC', 'VO', 'VC', 'AU']);

/** §5.9 — kinship of a `Rattachement`. */
export const TYPEPAR_CODES: ReadonlySet<string> = new Set([
  'LEG', 'NAT', 'ADP', 'REA', 'REC', 'DES', 'ASC', 'FRE', 'NEV', 'ONC', 'BFI', 'COL', 'AUT',
]);

/** §5.5 — nature of the RSA component (RC* = legacy RSA activité, still a known code). */
export const NATPF_CODES: ReadonlySet<string> = new Set([
  'RSD', 'RSI', 'RSJ', 'RSU', 'RSB', 'RCD', 'RCI', 'RCJ', 'RCU', 'RCB',
]);

/** Every checked element and its list, keyed by the element name as written in the file. */
export const CAF_CODE_LISTS = {
  ETATDOSRSA: ETATDOSRSA_CODES,
  ROLEPERS: ROLEPERS_CODES,
  NATPREST: NATPREST_CODES,
  SITFAM: SITFAM_CODES,
  MOTISUSVERSRSA: MOTISUSVERSRSA_CODES,
  MOTISUSDRORSA: MOTISUSDRORSA_CODES,
  NATGROUPFSUS: NATGROUPFSUS_CODES,
  MOTICLORSA: MOTICLORSA_CODES,
  MOTIREFURSA: MOTIREFURSA_CODES,
  FG: FG_CODES,
  QUAL: QUAL_CODES,
  SEXE: SEXE_CODES,
  TYPEDTNAI: TYPEDTNAI_CODES,
  FONORG: FONORG_CODES,
  TYPEPARTE: TYPEPARTE_CODES,
  ORIDEMRSA: ORIDEMRSA_CODES,
  REGAGRIFAM: REGAGRIFAM_CODES,
  RGADR: RGADR_CODES,
  TYPEADR: TYPEADR_CODES,
  ETATADR: ETATADR_CODES,
  TYPEPAR: TYPEPAR_CODES,
  NATPF: NATPF_CODES,
} as const satisfies Record<string, ReadonlySet<string>>;

export type CodedElement = keyof typeof CAF_CODE_LISTS;

/** True when `value` is in the list of `element`. */
export function isKnownCafCode(element: CodedElement, value: string): boolean {
  return CAF_CODE_LISTS[element].has(value);
}

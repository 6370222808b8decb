/**
 * What the VRSB0801 reader hands to the intake pipeline: one value per `InfosFoyerRSA` block,
 * already trimmed and typed. Identifiers stay strings (leading zeros matter: MATRICULE, CODEPOS).
 * Dates are ISO `YYYY-MM-DD` strings (checked to be real calendar dates), decimals are strings
 * normalised to `123.45` (no float rounding of amounts), booleans are `true | false | null`.
 *
 * Blocks the product queries now are typed fields; blocks kept for later use or audit are stored as
 * plain JSON (`PlainBlock`) so nothing the CAF sent is lost.
 */

/** A block kept as-is: element name -> text, nested block, or list of them when repeated. */
export type PlainValue = string | PlainBlock | PlainValue[];
export interface PlainBlock {
  [element: string]: PlainValue;
}

/** A code value outside the lists we know: stored and flagged, never a reason to reject. */
export interface UnknownCode {
  path: string;
  element: string;
  value: string;
  /** NIR of the person concerned is never put here; the person's index in the household is. */
  personIndex: number | null;
}

export interface PersonRecord {
  /** Position of the `Personne` block in the household (0-based), for messages and anomalies. */
  index: number;
  qual: string | null;
  nom: string;
  nomnai: string;
  prenom: string;
  prenom2: string | null;
  prenom3: string | null;
  nomcomnai: string | null;
  dtnai: string;
  rgnai: string | null;
  /** N: day and month known; J: day unknown; O: day and month unknown. */
  typedtnai: string | null;
  /** As written in the file (13 or 15 chars), uppercased and trimmed; null when absent or empty. */
  nir: string | null;
  topvaliec: boolean | null;
  sexe: string | null;
  // DossierCAF
  toprespdos: boolean | null;
  ddratdos: string | null;
  /** Set when the person left the foyer. */
  dfratdos: string | null;
  numdemrsaprece: string | null;
  // Prestations (always PFA and RSA)
  rolePfa: string | null;
  roleRsa: string | null;
  topchapersPfa: boolean | null;
  topchapersRsa: boolean | null;
  // DossierPoleEmploi
  idassedic: string | null;
  // MontantCalculDroitRSAPersonne (absent for children)
  toppersdrodevorsa: boolean | null;
  toppersentdrodevorsa: boolean | null;
  mtpersressmenrsa: string | null;
  mtpersabaneursa: string | null;
  /** Activite blocks: { REG, ACT, DDACT, DFACT, NATCONTRTRA, TOPCONDADMETI }. */
  activites: PlainBlock[];
  rattachements: PlainBlock[];
  ressources: PlainBlock | null;
  pensionAlimentaire: PlainBlock | null;
  grossesse: PlainBlock | null;
  informationsAgricoles: PlainBlock | null;
  avisPcgPersonne: PlainBlock | null;
  avisCgssDomPersonne: PlainBlock | null;
}

export interface AddressRecord {
  rgadr: string;
  dtemm: string | null;
  pays: string | null;
  typeadr: string | null;
  etatadr: string | null;
  complideadr: string | null;
  compladr: string | null;
  numvoie: string | null;
  libtypevoie: string | null;
  nomvoie: string | null;
  lieudist: string | null;
  /** INSEE commune code. */
  numcom: string | null;
  codepos: string | null;
  nomcom: string | null;
  /** AdresseHorsFrance lines, when the address is abroad. */
  horsFrance: PlainBlock | null;
}

export interface HouseholdRecord {
  numdemrsa: string;
  dtdemrsa: string;
  fonorg: string;
  numorg: string;
  matricule: string;
  typeparte: string | null;
  ideparte: string | null;
  demandeRmi: PlainBlock | null;
  organismeCedant: PlainBlock | null;
  /** Outgoing mutation: the dossier moves to another CAF/MSA (DDDEPAMUT). */
  organismePrenant: PlainBlock | null;
  persons: PersonRecord[];
  sitfam: string;
  ddsitfam: string | null;
  regagrifam: string | null;
  addresses: AddressRecord[];
  etatdosrsa: string;
  refus: { dtrefursa: string | null; motirefursa: string | null } | null;
  suspensionsDroit: { motisusdrorsa: string | null; ddsusdrorsa: string | null; natgroupfsus: string | null }[];
  suspensionsVersement: { motisusversrsa: string | null; ddsusversrsa: string | null }[];
  finDroit: { moticlorsa: string | null; dtclorsa: string | null } | null;
  finDroitMoisAnterieur: { moticlorsa: string | null; dtclorsa: string | null } | null;
  topsansdomfixe: boolean | null;
  nbenfautcha: string | null;
  oridemrsa: string | null;
  dtoridemrsa: string | null;
  topfoydrodevorsa: boolean | null;
  specificiteDom: PlainBlock | null;
  montantsCalculDroit: PlainBlock | null;
  detailsCalculDroit: PlainBlock[];
  avisPcgDroit: PlainBlock | null;
  evenements: { dtliq: string | null; heuliq: string | null; fg: string }[];
  controle: PlainBlock | null;
  anomalies: string[];
  unknownCodes: UnknownCode[];
}


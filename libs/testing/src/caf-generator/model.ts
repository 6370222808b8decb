/**
 * In-memory model of one `InfosFoyerRSA` block, holding every value exactly as it will be written
 * (strings for codes, dates, amounts and identifiers; booleans as booleans, rendered 0/1 or
 * true/false by the writer). Keeping written strings lets fault injection put invalid values
 * (`2023-02-30`, `12,5A`) in the same fields. Element order is the serializer's business.
 */

export type FileKind = 'daily' | 'monthly' | 'reprise';

export type RoleRsa = 'DEM' | 'CJT' | 'ENF' | 'AUT';

export interface GenPrestation {
  natprest: 'PFA' | 'RSA';
  rolepers: string;
  topchapers: boolean;
}

export interface GenRattachement {
  nomnai: string;
  prenom: string;
  dtnai: string;
  nir: string | null;
  typepar: string;
}

export interface GenDetailRessource {
  natress: string;
  mtnatressmen: string;
  abaneu: string | null;
}

export interface GenRessourcesMensuelles {
  moisress: string;
  nbheumentra: string | null;
  details: GenDetailRessource[];
}

export interface GenRessources {
  topressnul: boolean;
  ddress: string;
  dfress: string;
  mois: GenRessourcesMensuelles[];
}

export interface GenMontantCalculDroitPersonne {
  toppersdrodevorsa: boolean;
  toppersentdrodevorsa: boolean | null;
  mtpersressmenrsa: string | null;
  mtpersabaneursa: string | null;
}

export interface GenActivite {
  reg: string | null;
  act: string;
  ddact: string;
  dfact: string | null;
  natcontrtra: string | null;
  topcondadmeti: boolean | null;
}

export interface GenGrossesse {
  ddgro: string;
  dfgro: string | null;
  dtdeclgro: string;
  natfingro: string | null;
}

/** The `Identification` block of a person. */
export interface GenIdentity {
  qual: string | null;
  nom: string;
  nomnai: string;
  prenom: string;
  prenom2: string | null;
  prenom3: string | null;
  nomcomnai: string;
  dtnai: string;
  rgnai: string | null;
  typedtnai: string | null;
  /** As written: 13 chars in this file family, 15 when a fault says so, null when absent. */
  nir: string | null;
  topvaliec: boolean | null;
  sexe: string;
}

export interface GenPerson extends GenIdentity {
  // DossierCAF
  toprespdos: boolean;
  ddratdos: string;
  /** Set when the person left the foyer. */
  dfratdos: string | null;
  numdemrsaprece: string | null;
  /** Always two blocks, PFA then RSA (XSD `[2..2]`). */
  prestations: [GenPrestation, GenPrestation];
  rattachements: GenRattachement[];
  idassedic: string | null;
  ressources: GenRessources | null;
  /** Absent for children and AUT persons (carnet-de-bord PR #1720). */
  montantCalculDroit: GenMontantCalculDroitPersonne | null;
  activites: GenActivite[];
  grossesse: GenGrossesse | null;
}

export interface GenAddress {
  rgadr: string;
  dtemm: string | null;
  pays: string;
  typeadr: string;
  etatadr: string;
  /** Empty string = written self-closed, as real files do for these mandatory elements. */
  complideadr: string;
  compladr: string;
  numvoie: string;
  libtypevoie: string;
  nomvoie: string;
  lieudist: string;
  numcom: string;
  codepos: string;
  nomcom: string;
}

export interface GenMontantsCalculDroit {
  ddelecal: string;
  dfelecal: string | null;
  mtrevminigararsa: string;
  mtpentrsa: string | null;
  mtlocalrsa: string | null;
  mtrevgararsa: string;
  mtpfrsa: string | null;
  mtalrsa: string | null;
  mtressmenrsa: string;
  mtsanoblalimrsa: string | null;
  mtredhosrsa: string | null;
  mtredcgrsa: string | null;
  mtcumintegrsa: string | null;
  mtabaneursa: string | null;
  mttotdrorsa: string;
}

export interface GenDetailCalculDroit {
  natpf: string;
  sousnatpf: string;
  ddnatdro: string;
  dfnatdro: string | null;
  mtrsavers: string | null;
  dtderrsavers: string | null;
}

export interface GenEvenement {
  dtliq: string;
  heuliq: string;
  fg: string;
}

/** Structural deviations from the XSD that only fault injection sets. */
export interface GenQuirks {
  omitDonneesAdministratives?: boolean;
  omitPrestationRsa?: boolean;
  omitNumdemrsa?: boolean;
  /** Children of some blocks written in another order than the xsd:sequence. */
  outOfOrder?: boolean;
  /** Leaves an element unclosed in the middle of the block: the XML is no longer well-formed. */
  unclosedTag?: boolean;
}

export type FaultLevel = 'file' | 'record';
export type FaultExpectation = 'file-rejected' | 'household-rejected' | 'flagged' | 'accepted';

/** A fault applied to a household (metadata only, never written). */
export interface AppliedFault {
  fault: string;
  level: FaultLevel;
  expected: FaultExpectation;
  /** Human-readable detail: which element, which value, which other dossier. */
  detail?: string;
  /** NUMDEMRSA of the other dossier for two-dossier faults. */
  relatedNumdemrsa?: string;
}

export interface GenHousehold {
  /** Position in the generated sequence (not written). */
  index: number;
  // IdentificationRSA
  organisme: { fonorg: string; numorg: string; matricule: string };
  partenaire: { typeparte: string; ideparte: string };
  demandeRsa: { dtdemrsa: string; numdemrsa: string };
  demandeRmi: {
    dtdemrmi: string;
    numdepinsrmi: string;
    typeinsrmi: string;
    numcominsrmi: string;
    numagrinsrmi: string;
    numdosinsrmi: string;
    numcli: string;
  } | null;
  /** Incoming mutation (the dossier came from another CAF/MSA). */
  organismeCedant: { fonorgcedmut: string; numorgcedmut: string; matriculeorgcedmut: string | null; ddarrmut: string } | null;
  /** Outgoing mutation: the dossier leaves for another CAF/MSA. */
  organismePrenant: { fonorgprenmut: string; numorgprenmut: string; dddepamut: string } | null;
  persons: GenPerson[];
  // DonneesAdministratives
  situationFamille: { sitfam: string; ddsitfam: string; regagrifam: string | null };
  addresses: GenAddress[];
  // PrestationRSA / SituationDossierRSA
  etatdosrsa: string;
  refus: { dtrefursa: string; motirefursa: string } | null;
  suspensionsDroit: { motisusdrorsa: string; ddsusdrorsa: string; natgroupfsus: string | null }[];
  suspensionsVersement: { motisusversrsa: string; ddsusversrsa: string }[];
  finDroit: { moticlorsa: string; dtclorsa: string } | null;
  finDroitMoisAnterieur: { moticlorsa: string; dtclorsa: string } | null;
  // PrestationRSA / DetailDroitRSA
  troncCommunDroit: {
    topsansdomfixe: boolean;
    nbenfautcha: string | null;
    oridemrsa: string;
    dtoridemrsa: string | null;
    topfoydrodevorsa: boolean | null;
  };
  montantsCalculDroit: GenMontantsCalculDroit | null;
  detailsCalculDroit: GenDetailCalculDroit[];
  /** Daily files only. */
  evenements: GenEvenement[];
  /** `Anomalie/LIBANO` (anomaly files; fault injection). */
  anomalies: string[];
  quirks: GenQuirks;
  faults: AppliedFault[];
}

export function roleRsa(person: GenPerson): string {
  return person.prestations[1].rolepers;
}

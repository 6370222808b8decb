/**
 * Element tables of the CNAF schema `vrsb0801.xsd` (CAF-FORMAT §4), generated once from the XSD and
 * checked in (the XSD is a development reference only, never read at run time — CAF-FORMAT §13.7).
 *
 * - leaf kinds: how a text value is checked and normalised (§3: dates, times, 0/1 booleans, zero-padded
 *   decimals, integers); every leaf but dates, times and booleans stays a trimmed string so leading zeros
 *   survive;
 * - limits: the maxLength of each xsd:string leaf, the totalDigits (and fractionDigits) of each
 *   xsd:integer and xsd:decimal leaf;
 * - repeated elements (maxOccurs > 1): always arrays in the plain JSON, even with one occurrence;
 * - block children: what the schema declares inside each block, to tell unknown extra elements apart.
 */

export type LeafKind = 'date' | 'time' | 'boolean' | 'decimal' | 'integer';

const DATE_ELEMENTS = [
  'DDACT', 'DDARRMUT', 'DDASF', 'DDAVISDERO', 'DDCREALIM', 'DDDEPAMUT', 'DDELECAL', 'DDEXCL', 'DDGRO',
  'DDNATDRO', 'DDRATDOS', 'DDREDRSA', 'DDRESS', 'DDSITFAM', 'DDSURFAGRIDOM', 'DDSUSDRORSA', 'DDSUSVERSRSA',
  'DFACT', 'DFASF', 'DFAVISDERO', 'DFCREALIM', 'DFELECAL', 'DFEXCL', 'DFGRO', 'DFNATDRO', 'DFRATDOS',
  'DFREDRSA', 'DFRESS', 'DTABSDECLLIBER', 'DTAVISDESTPAIRSA', 'DTBENAGRI', 'DTCLOCONTRO', 'DTCLORSA',
  'DTCREAFLUX', 'DTDECLGRO', 'DTDEMRMI', 'DTDEMRSA', 'DTDERRSAVERS', 'DTDETECCONTRO', 'DTEFFAVISCONDADMRSA',
  'DTEFFCIBCONTRO', 'DTEMM', 'DTEVARESSNONSAL', 'DTLIQ', 'DTNAI', 'DTORIDEMRSA', 'DTREF', 'DTREFURSA',
  'DTSOURESSNONSAL', 'MOISRESS',
] as const;

const TIME_ELEMENTS = [
  'HEUCREAFLUX', 'HEULIQ',
] as const;

const BOOLEAN_ELEMENTS = [
  'TOPCHAPERS', 'TOPCONDADMETI', 'TOPFOYDRODEVORSA', 'TOPPERSDRODEVORSA', 'TOPPERSENTDRODEVORSA',
  'TOPRESPDOS', 'TOPRESSNUL', 'TOPSANSDOMFIXE', 'TOPVALIEC',
] as const;

/** xsd:string leaves and their maxLength. */
const MAX_LENGTHS: [number, readonly string[]][] = [
  [1, [
    'ABANEU', 'AVISCONDADMRSA', 'AVISDERO', 'AVISDESTPAIRSA', 'AVISEVARESSNONSAL', 'ETATDOSRSA',
    'EXCL', 'JUSACTDOM', 'NATFINGRO', 'NATFLUX', 'PARASSOASF', 'REGFISAGRI', 'RESUJUSACTDOM',
    'SEXE', 'TYPEADR', 'TYPEDTNAI', 'TYPEFLUX', 'TYPEIMPACCONTRO', 'TYPEINSRMI', 'TYPEPERSTIE',
  ]],
  [2, [
    'ETATADR', 'ETATCREALIM', 'FAMCIBCONTRO', 'MOTICONDADMRSA', 'MOTISUSDRORSA', 'MOTISUSVERSRSA',
    'NUMAGRINSRMI', 'REG', 'SITASF', 'TYPECONTRO',
  ]],
  [3, [
    'ACT', 'APPLIEME', 'CIBCONTRO', 'CIBCONTROMSA', 'COMMACONTRO', 'FONORG', 'FONORGCEDMUT',
    'FONORGPRENMUT', 'IDEPARTE', 'MOTICLORSA', 'MOTIDISCREALIM', 'MOTIREFURSA', 'NATCIBCONTRO',
    'NATCONTRTRA', 'NATGROUPFSUS', 'NATPF', 'NATPREST', 'NATRESS', 'NUMDEPINSRMI', 'NUMORG',
    'NUMORGCEDMUT', 'NUMORGPRENMUT', 'ORIDEMRSA', 'ORIOBLALIM', 'PAYS', 'QUAL', 'REGAGRIFAM',
    'ROLEPERS', 'SITFAM', 'TYPEDERO', 'TYPEPAR',
  ]],
  [4, [
    'NUMVERSIONAPPLIEME', 'TYPEPARTE',
  ]],
  [5, [
    'NUMCOM', 'SOUSNATPF',
  ]],
  [6, [
    'NUMVOIE',
  ]],
  [8, [
    'IDASSEDIC',
  ]],
  [9, [
    'FG',
  ]],
  [11, [
    'NUMDEMRSA', 'NUMDEMRSAPRECE',
  ]],
  [15, [
    'NIR', 'PRENOM2', 'PRENOM3',
  ]],
  [26, [
    'NOMCOMNAI',
  ]],
  [28, [
    'NOM', 'NOMNAI',
  ]],
  [30, [
    'LIBTYPEVOIE',
  ]],
  [32, [
    'NOMCOM', 'NOMVOIE', 'PRENOM',
  ]],
  [38, [
    'COMPLADR', 'COMPLIDEADR', 'LIBLIG2ADR', 'LIBLIG3ADR', 'LIBLIG4ADR', 'LIBLIG5ADR',
    'LIBLIG6ADR', 'LIBLIG7ADR', 'LIEUDIST',
  ]],
  [45, [
    'LIBCIBCONTRO',
  ]],
  [50, [
    'COMMCREALIM',
  ]],
  [60, [
    'COMM1CONDADMRSA', 'COMM2CONDADMRSA',
  ]],
  [64, [
    'NOMTIE',
  ]],
  [200, [
    'LIBANO',
  ]],
];

/** xsd:integer leaves and their totalDigits. */
const INTEGER_DIGITS: [number, readonly string[]][] = [
  [1, [
    'RGNAI',
  ]],
  [2, [
    'NBENFAUTCHA', 'RGADR',
  ]],
  [3, [
    'NBHEUMENTRA', 'NBTOTAIDEFAMSURFDOM', 'NBTOTPERSMAJOSURFDOM', 'NUMCLI', 'NUMCOMINSRMI',
  ]],
  [5, [
    'CODEPOS', 'NUMDOSINSRMI',
  ]],
  [8, [
    'NBTOTDOSRSATRANSM', 'NBTOTDOSRSATRANSMANO',
  ]],
  [15, [
    'MATRICULE', 'MATRICULEORGCEDMUT',
  ]],
];

/** xsd:decimal leaves: totalDigits and fractionDigits. */
const DECIMAL_DIGITS: [readonly [number, number], readonly string[]][] = [
  [[5, 2], [
    'SURFAGRIDOM', 'SURFAGRIDOMPLA',
  ]],
  [[9, 2], [
    'MTABANEURSA', 'MTALRSA', 'MTCUMINTEGRSA', 'MTEVARESSNONSAL', 'MTLIBERNONDECL', 'MTLOCALRSA',
    'MTNATRESSMEN', 'MTPENTRSA', 'MTPERSABANEURSA', 'MTPERSRESSMENRSA', 'MTPFRSA', 'MTREDCGRSA',
    'MTREDHOSRSA', 'MTREDRSA', 'MTRESSMENRSA', 'MTREVGARARSA', 'MTREVMINIGARARSA', 'MTRSAVERS',
    'MTSANCREALIM', 'MTSANOBLALIMRSA', 'MTTOTDRORSA',
  ]],
  [[10, 2], [
    'MTBENAGRI',
  ]],
  [[11, 2], [
    'MTINDURSACGCONTRO', 'MTRAPRSACGCONTRO',
  ]],
];

export const LEAF_KINDS: ReadonlyMap<string, LeafKind> = new Map<string, LeafKind>([
  ...DATE_ELEMENTS.map((name) => [name, 'date'] as const),
  ...TIME_ELEMENTS.map((name) => [name, 'time'] as const),
  ...BOOLEAN_ELEMENTS.map((name) => [name, 'boolean'] as const),
  ...DECIMAL_DIGITS.flatMap(([, names]) => names.map((name) => [name, 'decimal'] as const)),
  ...INTEGER_DIGITS.flatMap(([, names]) => names.map((name) => [name, 'integer'] as const)),
]);

/** The schema's limit of each leaf: maxLength of strings, totalDigits and fractionDigits of numbers. */
export interface LeafLimit {
  /** Characters of a string, digits of a number. */
  readonly max: number;
  /** Digits after the point of a decimal; 0 otherwise. */
  readonly fraction: number;
}

export const LEAF_LIMITS: ReadonlyMap<string, LeafLimit> = new Map<string, LeafLimit>([
  ...MAX_LENGTHS.flatMap(([max, names]) => names.map((name) => [name, { max, fraction: 0 }] as const)),
  ...INTEGER_DIGITS.flatMap(([max, names]) => names.map((name) => [name, { max, fraction: 0 }] as const)),
  ...DECIMAL_DIGITS.flatMap(([[max, fraction], names]) => names.map((name) => [name, { max, fraction }] as const)),
]);

/** Elements with maxOccurs > 1 in vrsb0801.xsd (Prestations is [2..2], Rattachement/Asf [0..2], RessourcesMensuelles [0..3], Adresse [1..3]). */
export const REPEATED_ELEMENTS: ReadonlySet<string> = new Set([
  'Activite', 'Adresse', 'Anomalie', 'Asf', 'ConditionAdministrative', 'ControleAdministratif',
  'CreanceAlimentaire', 'Derogation', 'DetailCalculDroitRSA', 'DetailRessourcesMensuelles', 'Evenement',
  'InfosFoyerRSA', 'Personne', 'Prestations', 'Rattachement', 'ReductionRSA', 'RessourcesMensuelles',
  'SuspensionDroit', 'SuspensionVersement',
]);

/** Children declared by the schema for each block (complex element), in schema order. */
export const BLOCK_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  Racine: ['IdentificationFlux', 'InfosFoyerRSA', 'TransmissionFlux'],
  IdentificationFlux: [
    'APPLIEME', 'NUMVERSIONAPPLIEME', 'TYPEFLUX', 'NATFLUX', 'DTCREAFLUX', 'HEUCREAFLUX', 'DTREF',
  ],
  InfosFoyerRSA: [
    'IdentificationRSA', 'Personne', 'DonneesAdministratives', 'PrestationRSA', 'Evenement', 'Controle',
    'Anomalie',
  ],
  IdentificationRSA: [
    'Organisme', 'Partenaire', 'DemandeRSA', 'DemandeRMI', 'OrganismeCedant', 'OrganismePrenant',
  ],
  Organisme: ['FONORG', 'NUMORG', 'MATRICULE'],
  Partenaire: ['TYPEPARTE', 'IDEPARTE'],
  DemandeRSA: ['DTDEMRSA', 'NUMDEMRSA'],
  DemandeRMI: ['DateDemandeRMI', 'NumeroInstructionRMI'],
  DateDemandeRMI: ['DTDEMRMI'],
  NumeroInstructionRMI: [
    'NUMDEPINSRMI', 'TYPEINSRMI', 'NUMCOMINSRMI', 'NUMAGRINSRMI', 'NUMDOSINSRMI', 'NUMCLI',
  ],
  OrganismeCedant: ['FONORGCEDMUT', 'NUMORGCEDMUT', 'MATRICULEORGCEDMUT', 'DDARRMUT'],
  OrganismePrenant: ['FONORGPRENMUT', 'NUMORGPRENMUT', 'DDDEPAMUT'],
  Personne: [
    'Identification', 'DossierCAF', 'Prestations', 'Rattachement', 'DossierPoleEmploi', 'Ressources',
    'MontantCalculDroitRSAPersonne', 'Activite', 'PensionAlimentaire', 'Grossesse', 'InformationsAgricoles',
    'AvisPCGPersonne', 'AvisCGSSDOMPersonne',
  ],
  Identification: [
    'QUAL', 'NOM', 'NOMNAI', 'PRENOM', 'PRENOM2', 'PRENOM3', 'NOMCOMNAI', 'DTNAI', 'RGNAI', 'TYPEDTNAI',
    'NIR', 'TOPVALIEC', 'SEXE',
  ],
  DossierCAF: ['TOPRESPDOS', 'DDRATDOS', 'DFRATDOS', 'NUMDEMRSAPRECE'],
  Prestations: ['NATPREST', 'ROLEPERS', 'TOPCHAPERS'],
  Rattachement: ['NOMNAI', 'PRENOM', 'DTNAI', 'NIR', 'TYPEPAR'],
  DossierPoleEmploi: ['IDASSEDIC'],
  Ressources: ['GeneraliteRessourcesTrimestre', 'RessourcesMensuelles'],
  GeneraliteRessourcesTrimestre: ['TOPRESSNUL', 'DDRESS', 'DFRESS'],
  RessourcesMensuelles: ['GeneraliteRessourcesMensuelles', 'DetailRessourcesMensuelles'],
  GeneraliteRessourcesMensuelles: ['MOISRESS', 'NBHEUMENTRA'],
  DetailRessourcesMensuelles: ['NATRESS', 'MTNATRESSMEN', 'ABANEU'],
  MontantCalculDroitRSAPersonne: [
    'TOPPERSDRODEVORSA', 'TOPPERSENTDRODEVORSA', 'MTPERSRESSMENRSA', 'MTPERSABANEURSA',
  ],
  Activite: ['REG', 'ACT', 'DDACT', 'DFACT', 'NATCONTRTRA', 'TOPCONDADMETI'],
  PensionAlimentaire: ['Asf', 'CreanceAlimentaire'],
  Asf: ['SITASF', 'PARASSOASF', 'DDASF', 'DFASF'],
  CreanceAlimentaire: [
    'ETATCREALIM', 'DDCREALIM', 'DFCREALIM', 'ORIOBLALIM', 'MOTIDISCREALIM', 'COMMCREALIM', 'MTSANCREALIM',
  ],
  Grossesse: ['DDGRO', 'DFGRO', 'DTDECLGRO', 'NATFINGRO'],
  InformationsAgricoles: ['MTBENAGRI', 'REGFISAGRI', 'DTBENAGRI'],
  AvisPCGPersonne: ['ConditionETI', 'Derogation', 'ExclueRSA', 'Liberalite'],
  ConditionETI: ['AVISEVARESSNONSAL', 'DTSOURESSNONSAL', 'DTEVARESSNONSAL', 'MTEVARESSNONSAL'],
  Derogation: ['TYPEDERO', 'AVISDERO', 'DDAVISDERO', 'DFAVISDERO'],
  ExclueRSA: ['EXCL', 'DDEXCL', 'DFEXCL'],
  Liberalite: ['MTLIBERNONDECL', 'DTABSDECLLIBER'],
  AvisCGSSDOMPersonne: ['JUSACTDOM', 'RESUJUSACTDOM'],
  DonneesAdministratives: ['SituationFamille', 'Adresse'],
  SituationFamille: ['SITFAM', 'DDSITFAM', 'REGAGRIFAM'],
  Adresse: ['TroncCommunAdresse', 'AdresseDetailleeFrance', 'AdresseHorsFrance'],
  TroncCommunAdresse: ['RGADR', 'DTEMM', 'PAYS', 'TYPEADR', 'ETATADR'],
  AdresseDetailleeFrance: [
    'COMPLIDEADR', 'COMPLADR', 'NUMVOIE', 'LIBTYPEVOIE', 'NOMVOIE', 'LIEUDIST', 'NUMCOM', 'CODEPOS',
    'NOMCOM',
  ],
  AdresseHorsFrance: ['LIBLIG2ADR', 'LIBLIG3ADR', 'LIBLIG4ADR', 'LIBLIG5ADR', 'LIBLIG6ADR', 'LIBLIG7ADR'],
  PrestationRSA: ['SituationDossierRSA', 'DetailDroitRSA'],
  SituationDossierRSA: [
    'EtatDossierRSA', 'Refus', 'SuspensionDroit', 'SuspensionVersement', 'FinDroit', 'FinDroitMoisAnterieur',
  ],
  EtatDossierRSA: ['ETATDOSRSA'],
  Refus: ['DTREFURSA', 'MOTIREFURSA'],
  SuspensionDroit: ['MOTISUSDRORSA', 'DDSUSDRORSA', 'NATGROUPFSUS'],
  SuspensionVersement: ['MOTISUSVERSRSA', 'DDSUSVERSRSA'],
  FinDroit: ['MOTICLORSA', 'DTCLORSA'],
  FinDroitMoisAnterieur: ['MOTICLORSA', 'DTCLORSA'],
  DetailDroitRSA: [
    'TroncCommunDroitRSA', 'SpecificiteDOM', 'MontantsCalculDroitRSA', 'DetailCalculDroitRSA',
    'AvisPCGDroitRSA',
  ],
  TroncCommunDroitRSA: ['TOPSANSDOMFIXE', 'NBENFAUTCHA', 'ORIDEMRSA', 'DTORIDEMRSA', 'TOPFOYDRODEVORSA'],
  SpecificiteDOM: [
    'SURFAGRIDOM', 'DDSURFAGRIDOM', 'SURFAGRIDOMPLA', 'NBTOTAIDEFAMSURFDOM', 'NBTOTPERSMAJOSURFDOM',
  ],
  MontantsCalculDroitRSA: [
    'DDELECAL', 'DFELECAL', 'MTREVMINIGARARSA', 'MTPENTRSA', 'MTLOCALRSA', 'MTREVGARARSA', 'MTPFRSA',
    'MTALRSA', 'MTRESSMENRSA', 'MTSANOBLALIMRSA', 'MTREDHOSRSA', 'MTREDCGRSA', 'MTCUMINTEGRSA',
    'MTABANEURSA', 'MTTOTDRORSA',
  ],
  DetailCalculDroitRSA: ['NATPF', 'SOUSNATPF', 'DDNATDRO', 'DFNATDRO', 'MTRSAVERS', 'DTDERRSAVERS'],
  AvisPCGDroitRSA: ['ConditionAdministrative', 'ReductionRSA', 'PaiementTiers'],
  ConditionAdministrative: [
    'AVISCONDADMRSA', 'MOTICONDADMRSA', 'COMM1CONDADMRSA', 'COMM2CONDADMRSA', 'DTEFFAVISCONDADMRSA',
  ],
  ReductionRSA: ['MTREDRSA', 'DDREDRSA', 'DFREDRSA'],
  PaiementTiers: ['AVISDESTPAIRSA', 'DTAVISDESTPAIRSA', 'NOMTIE', 'TYPEPERSTIE'],
  Evenement: ['DTLIQ', 'HEULIQ', 'FG'],
  Controle: ['ControleAdministratif'],
  ControleAdministratif: [
    'IdentificationCibleControleAdministratif', 'IdentificationControleAdministratif',
    'ModaliteControleAdministratif', 'ResultatControleAdministratif',
  ],
  IdentificationCibleControleAdministratif: ['DTEFFCIBCONTRO', 'CIBCONTRO', 'CIBCONTROMSA'],
  IdentificationControleAdministratif: ['DTDETECCONTRO', 'DTCLOCONTRO'],
  ModaliteControleAdministratif: [
    'LIBCIBCONTRO', 'FAMCIBCONTRO', 'NATCIBCONTRO', 'COMMACONTRO', 'TYPECONTRO',
  ],
  ResultatControleAdministratif: ['TYPEIMPACCONTRO', 'MTINDURSACGCONTRO', 'MTRAPRSACGCONTRO'],
  Anomalie: ['LIBANO'],
  TransmissionFlux: ['NBTOTDOSRSATRANSM', 'NBTOTDOSRSATRANSMANO'],
};

/** Names of the schema's blocks: an empty `<Personne />` is still a (faulty) block, not an absent value. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(Object.keys(BLOCK_CHILDREN));

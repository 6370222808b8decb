import type { HouseholdRecord, PersonRecord } from '@rsa/beneficiary';

let sequence = 0;

/** A demandeur subject to droits et devoirs, fictitious NIR (commune part 000). */
export function aCafPerson(overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    index: 0,
    qual: 'MME',
    nom: 'DUVAL',
    nomnai: 'LEFEVRE',
    prenom: 'AMELIE',
    prenom2: null,
    prenom3: null,
    nomcomnai: 'LILLE',
    dtnai: '1988-04-02',
    rgnai: '1',
    typedtnai: 'N',
    nir: '2880459000123',
    topvaliec: true,
    sexe: '2',
    toprespdos: true,
    ddratdos: '2019-06-01',
    dfratdos: null,
    numdemrsaprece: null,
    rolePfa: 'DEM',
    roleRsa: 'DEM',
    topchapersPfa: false,
    topchapersRsa: true,
    idassedic: null,
    toppersdrodevorsa: true,
    toppersentdrodevorsa: false,
    mtpersressmenrsa: null,
    mtpersabaneursa: null,
    activites: [],
    rattachements: [],
    ressources: null,
    pensionAlimentaire: null,
    grossesse: null,
    informationsAgricoles: null,
    avisPcgPersonne: null,
    avisCgssDomPersonne: null,
    ...overrides,
  };
}

/** An open-right (ETATDOSRSA 2) household of one demandeur in Roubaix. */
export function aCafHousehold(overrides: Partial<HouseholdRecord> = {}): HouseholdRecord {
  sequence += 1;
  return {
    numdemrsa: `${String(90000000 + sequence).padStart(8, '0')}059`,
    dtdemrsa: '2026-10-01',
    fonorg: 'CAF',
    numorg: '591',
    matricule: `${String(1000000 + sequence)}00000000`,
    typeparte: 'CG',
    ideparte: '059',
    demandeRmi: null,
    organismeCedant: null,
    organismePrenant: null,
    persons: [aCafPerson()],
    sitfam: 'CEL',
    ddsitfam: '2020-01-01',
    regagrifam: null,
    addresses: [
      {
        rgadr: '01', dtemm: null, pays: 'FRA', typeadr: 'D', etatadr: 'CO', complideadr: null, compladr: null, numvoie: '12',
        libtypevoie: 'RUE', nomvoie: 'DES TILLEULS', lieudist: null, numcom: '59512', codepos: '59100', nomcom: 'ROUBAIX', horsFrance: null,
      },
    ],
    etatdosrsa: '2',
    refus: null,
    suspensionsDroit: [],
    suspensionsVersement: [],
    finDroit: null,
    finDroitMoisAnterieur: null,
    topsansdomfixe: false,
    nbenfautcha: null,
    oridemrsa: 'DEM',
    dtoridemrsa: null,
    topfoydrodevorsa: true,
    specificiteDom: null,
    montantsCalculDroit: null,
    detailsCalculDroit: [],
    avisPcgDroit: null,
    evenements: [],
    controle: null,
    anomalies: [],
    unknownCodes: [],
    ...overrides,
  };
}

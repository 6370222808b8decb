import { CAF_CODE_LISTS, type CodedElement } from '../../domain/caf-codes';
import type {
  AddressRecord,
  HouseholdItem,
  HouseholdRecord,
  PersonRecord,
  PlainBlock,
  UnknownCode,
} from '../../domain/household-record';
import { blockOf, blocksOf, flagOf, textOf } from './plain-access';
import type { PlainTree } from './plain-tree.builder';
import { RecordFaultSignal } from './record-fault.signal';
import { LEAF_LIMITS } from './vrsb0801-schema';

/**
 * Maps the plain tree of one `InfosFoyerRSA` to a household record, or to a record fault when the block
 * cannot be used (CAF-FORMAT §13.6: the household is rejected alone with its NUMDEMRSA, MATRICULE, path,
 * message and raw XML; the file goes on). Mandatory, as in vrsb0801.xsd: IdentificationRSA with Organisme
 * (FONORG, NUMORG, MATRICULE), Partenaire and DemandeRSA (NUMDEMRSA, DTDEMRSA); at least one Personne,
 * each with Identification (NOMNAI or NOM, PRENOM, DTNAI), DossierCAF and its two Prestations blocks, one
 * of NATPREST RSA; DonneesAdministratives with SituationFamille/SITFAM and at least one Adresse;
 * PrestationRSA with SituationDossierRSA/EtatDossierRSA/ETATDOSRSA and DetailDroitRSA/TroncCommunDroitRSA.
 * Everything else is optional, notably MontantCalculDroitRSAPersonne (absent for children: carnet-de-bord
 * PR #1720 crashed in production assuming it, §5.3).
 */
export function mapHousehold(tree: PlainTree, ordinal: number, rawXml: string): HouseholdItem {
  try {
    if (tree.fault !== null) throw tree.fault;
    const record = new HouseholdMapping(tree.block).map();
    return { ok: true, ordinal, record, rawXml };
  } catch (error) {
    if (!(error instanceof RecordFaultSignal)) throw error;
    const identification = blockOf(tree.block, 'IdentificationRSA');
    return {
      ok: false,
      ordinal,
      rawXml,
      fault: {
        numdemrsa: withinSchema(textOf(blockOf(identification, 'DemandeRSA'), 'NUMDEMRSA'), 'NUMDEMRSA'),
        matricule: withinSchema(textOf(blockOf(identification, 'Organisme'), 'MATRICULE'), 'MATRICULE'),
        path: error.path,
        message: error.message,
      },
    };
  }
}

/** A rejected household's identifier as the reject stores it: null when longer than the schema allows (the message and raw XML still say what it was). */
function withinSchema(value: string | null, name: 'NUMDEMRSA' | 'MATRICULE'): string | null {
  return value !== null && value.length <= (LEAF_LIMITS.get(name)?.max ?? 0) ? value : null;
}

function missing(segments: string[], what: string): RecordFaultSignal {
  return new RecordFaultSignal(segments, `${what} is missing or empty`);
}

function required(block: PlainBlock, name: string, at: string[]): string {
  const value = textOf(block, name);
  if (value === null) throw missing([...at, name], `mandatory element ${name}`);
  return value;
}

function requiredBlock(block: PlainBlock, name: string, at: string[]): PlainBlock {
  const value = blockOf(block, name);
  if (value === undefined) throw missing([...at, name], `mandatory block ${name}`);
  return value;
}

/** One household's mapping: collects the unknown codes while it reads. */
class HouseholdMapping {
  private readonly unknownCodes: UnknownCode[] = [];

  constructor(private readonly root: PlainBlock) {}

  map(): HouseholdRecord {
    const root = this.root;

    const identification = requiredBlock(root, 'IdentificationRSA', []);
    const organisme = requiredBlock(identification, 'Organisme', ['IdentificationRSA']);
    const demande = requiredBlock(identification, 'DemandeRSA', ['IdentificationRSA']);
    const partenaire = requiredBlock(identification, 'Partenaire', ['IdentificationRSA']);

    const numdemrsa = required(demande, 'NUMDEMRSA', ['IdentificationRSA', 'DemandeRSA']);
    const dtdemrsa = required(demande, 'DTDEMRSA', ['IdentificationRSA', 'DemandeRSA']);
    const fonorg = required(organisme, 'FONORG', ['IdentificationRSA', 'Organisme']);
    const numorg = required(organisme, 'NUMORG', ['IdentificationRSA', 'Organisme']);
    const matricule = required(organisme, 'MATRICULE', ['IdentificationRSA', 'Organisme']);
    this.checkCode('FONORG', fonorg, 'IdentificationRSA/Organisme', null);
    const typeparte = textOf(partenaire, 'TYPEPARTE');
    this.checkCode('TYPEPARTE', typeparte, 'IdentificationRSA/Partenaire', null);

    const personBlocks = blocksOf(root, 'Personne');
    if (personBlocks.length === 0) throw missing(['Personne'], 'at least one Personne block');
    const persons = personBlocks.map((person, index) => this.person(person, index));

    const donnees = requiredBlock(root, 'DonneesAdministratives', []);
    const famille = requiredBlock(donnees, 'SituationFamille', ['DonneesAdministratives']);
    const sitfam = required(famille, 'SITFAM', ['DonneesAdministratives', 'SituationFamille']);
    this.checkCode('SITFAM', sitfam, 'DonneesAdministratives/SituationFamille', null);
    const regagrifam = textOf(famille, 'REGAGRIFAM');
    this.checkCode('REGAGRIFAM', regagrifam, 'DonneesAdministratives/SituationFamille', null);
    const addressBlocks = blocksOf(donnees, 'Adresse');
    if (addressBlocks.length === 0) throw missing(['DonneesAdministratives', 'Adresse'], 'at least one Adresse block');
    const addresses = addressBlocks.map((address, index) => this.address(address, index));

    const prestation = requiredBlock(root, 'PrestationRSA', []);
    const situation = requiredBlock(prestation, 'SituationDossierRSA', ['PrestationRSA']);
    const etat = requiredBlock(situation, 'EtatDossierRSA', ['PrestationRSA', 'SituationDossierRSA']);
    const etatdosrsa = required(etat, 'ETATDOSRSA', ['PrestationRSA', 'SituationDossierRSA', 'EtatDossierRSA']);
    this.checkCode('ETATDOSRSA', etatdosrsa, 'PrestationRSA/SituationDossierRSA/EtatDossierRSA', null);

    const detail = requiredBlock(prestation, 'DetailDroitRSA', ['PrestationRSA']);
    const tronc = requiredBlock(detail, 'TroncCommunDroitRSA', ['PrestationRSA', 'DetailDroitRSA']);
    const oridemrsa = textOf(tronc, 'ORIDEMRSA');
    this.checkCode('ORIDEMRSA', oridemrsa, 'PrestationRSA/DetailDroitRSA/TroncCommunDroitRSA', null);
    const detailsCalculDroit = blocksOf(detail, 'DetailCalculDroitRSA');
    detailsCalculDroit.forEach((calcul, i) =>
      this.checkCode('NATPF', textOf(calcul, 'NATPF'), `PrestationRSA/DetailDroitRSA/DetailCalculDroitRSA[${i + 1}]`, null),
    );

    const record: HouseholdRecord = {
      numdemrsa,
      dtdemrsa,
      fonorg,
      numorg,
      matricule,
      typeparte,
      ideparte: textOf(partenaire, 'IDEPARTE'),
      demandeRmi: blockOf(identification, 'DemandeRMI') ?? null,
      organismeCedant: blockOf(identification, 'OrganismeCedant') ?? null,
      organismePrenant: blockOf(identification, 'OrganismePrenant') ?? null,
      persons,
      sitfam,
      ddsitfam: textOf(famille, 'DDSITFAM'),
      regagrifam,
      addresses,
      etatdosrsa,
      ...this.rightState(situation),
      topsansdomfixe: flagOf(tronc, 'TOPSANSDOMFIXE'),
      nbenfautcha: textOf(tronc, 'NBENFAUTCHA'),
      oridemrsa,
      dtoridemrsa: textOf(tronc, 'DTORIDEMRSA'),
      topfoydrodevorsa: flagOf(tronc, 'TOPFOYDRODEVORSA'),
      specificiteDom: blockOf(detail, 'SpecificiteDOM') ?? null,
      montantsCalculDroit: blockOf(detail, 'MontantsCalculDroitRSA') ?? null,
      detailsCalculDroit,
      avisPcgDroit: blockOf(detail, 'AvisPCGDroitRSA') ?? null,
      evenements: blocksOf(root, 'Evenement').map((evenement, i) => this.evenement(evenement, i)),
      controle: blockOf(root, 'Controle') ?? null,
      anomalies: this.anomalies(),
      unknownCodes: this.unknownCodes,
    };
    return record;
  }

  /** Reasons that go with ETATDOSRSA (CAF-FORMAT §5.1: Refus 1, SuspensionDroit 3, SuspensionVersement 4, FinDroit 5/6). */
  private rightState(
    situation: PlainBlock,
  ): Pick<HouseholdRecord, 'refus' | 'suspensionsDroit' | 'suspensionsVersement' | 'finDroit' | 'finDroitMoisAnterieur'> {
    const at = 'PrestationRSA/SituationDossierRSA';
    const refus = blockOf(situation, 'Refus');
    const motirefursa = textOf(refus, 'MOTIREFURSA');
    this.checkCode('MOTIREFURSA', motirefursa, `${at}/Refus`, null);

    const suspensionsDroit = blocksOf(situation, 'SuspensionDroit').map((suspension, i) => {
      const where = `${at}/SuspensionDroit[${i + 1}]`;
      const motisusdrorsa = textOf(suspension, 'MOTISUSDRORSA');
      const natgroupfsus = textOf(suspension, 'NATGROUPFSUS');
      this.checkCode('MOTISUSDRORSA', motisusdrorsa, where, null);
      this.checkCode('NATGROUPFSUS', natgroupfsus, where, null);
      return { motisusdrorsa, ddsusdrorsa: textOf(suspension, 'DDSUSDRORSA'), natgroupfsus };
    });
    const suspensionsVersement = blocksOf(situation, 'SuspensionVersement').map((suspension, i) => {
      const where = `${at}/SuspensionVersement[${i + 1}]`;
      const motisusversrsa = textOf(suspension, 'MOTISUSVERSRSA');
      this.checkCode('MOTISUSVERSRSA', motisusversrsa, where, null);
      return { motisusversrsa, ddsusversrsa: textOf(suspension, 'DDSUSVERSRSA') };
    });
    return {
      refus: refus === undefined ? null : { dtrefursa: textOf(refus, 'DTREFURSA'), motirefursa },
      suspensionsDroit,
      suspensionsVersement,
      finDroit: this.closure(situation, 'FinDroit'),
      finDroitMoisAnterieur: this.closure(situation, 'FinDroitMoisAnterieur'),
    };
  }

  private closure(situation: PlainBlock, name: 'FinDroit' | 'FinDroitMoisAnterieur'): HouseholdRecord['finDroit'] {
    const block = blockOf(situation, name);
    if (block === undefined) return null;
    const where = `PrestationRSA/SituationDossierRSA/${name}`;
    const moticlorsa = textOf(block, 'MOTICLORSA');
    this.checkCode('MOTICLORSA', moticlorsa, where, null);
    return { moticlorsa, dtclorsa: textOf(block, 'DTCLORSA') };
  }

  private person(person: PlainBlock, index: number): PersonRecord {
    const at = `Personne[${index + 1}]`;
    const identity = requiredBlock(person, 'Identification', [at]);
    const identityAt = [at, 'Identification'];
    const nom = textOf(identity, 'NOM');
    const nomnai = textOf(identity, 'NOMNAI');
    if (nom === null && nomnai === null) throw missing([...identityAt, 'NOMNAI'], 'NOMNAI (and NOM)');
    const prenom = required(identity, 'PRENOM', identityAt);
    const dtnai = required(identity, 'DTNAI', identityAt);
    const qual = textOf(identity, 'QUAL');
    const typedtnai = textOf(identity, 'TYPEDTNAI');
    const sexe = textOf(identity, 'SEXE');
    this.checkCode('QUAL', qual, `${at}/Identification`, index);
    this.checkCode('TYPEDTNAI', typedtnai, `${at}/Identification`, index);
    this.checkCode('SEXE', sexe, `${at}/Identification`, index);

    const dossier = requiredBlock(person, 'DossierCAF', [at]);
    const poleEmploi = blockOf(person, 'DossierPoleEmploi');
    const montants = blockOf(person, 'MontantCalculDroitRSAPersonne');
    const rattachements = blocksOf(person, 'Rattachement');
    rattachements.forEach((rattachement, i) =>
      this.checkCode('TYPEPAR', textOf(rattachement, 'TYPEPAR'), `${at}/Rattachement[${i + 1}]`, index),
    );

    return {
      index,
      qual,
      nom: nom ?? (nomnai as string),
      nomnai: nomnai ?? (nom as string),
      prenom,
      prenom2: textOf(identity, 'PRENOM2'),
      prenom3: textOf(identity, 'PRENOM3'),
      nomcomnai: textOf(identity, 'NOMCOMNAI'),
      dtnai,
      rgnai: textOf(identity, 'RGNAI'),
      typedtnai,
      nir: textOf(identity, 'NIR'),
      topvaliec: flagOf(identity, 'TOPVALIEC'),
      sexe,
      toprespdos: flagOf(dossier, 'TOPRESPDOS'),
      ddratdos: textOf(dossier, 'DDRATDOS'),
      dfratdos: textOf(dossier, 'DFRATDOS'),
      numdemrsaprece: textOf(dossier, 'NUMDEMRSAPRECE'),
      ...this.prestations(person, at, index),
      idassedic: textOf(poleEmploi, 'IDASSEDIC'),
      toppersdrodevorsa: flagOf(montants, 'TOPPERSDRODEVORSA'),
      toppersentdrodevorsa: flagOf(montants, 'TOPPERSENTDRODEVORSA'),
      mtpersressmenrsa: textOf(montants, 'MTPERSRESSMENRSA'),
      mtpersabaneursa: textOf(montants, 'MTPERSABANEURSA'),
      activites: blocksOf(person, 'Activite'),
      rattachements,
      ressources: blockOf(person, 'Ressources') ?? null,
      pensionAlimentaire: blockOf(person, 'PensionAlimentaire') ?? null,
      grossesse: blockOf(person, 'Grossesse') ?? null,
      informationsAgricoles: blockOf(person, 'InformationsAgricoles') ?? null,
      avisPcgPersonne: blockOf(person, 'AvisPCGPersonne') ?? null,
      avisCgssDomPersonne: blockOf(person, 'AvisCGSSDOMPersonne') ?? null,
    };
  }

  /** The two Prestations blocks (CAF-FORMAT §5.2): PFA and RSA; the RSA one is what the département follows. */
  private prestations(
    person: PlainBlock,
    at: string,
    index: number,
  ): Pick<PersonRecord, 'rolePfa' | 'roleRsa' | 'topchapersPfa' | 'topchapersRsa'> {
    const result: Pick<PersonRecord, 'rolePfa' | 'roleRsa' | 'topchapersPfa' | 'topchapersRsa'> = {
      rolePfa: null,
      roleRsa: null,
      topchapersPfa: null,
      topchapersRsa: null,
    };
    let rsaSeen = false;
    const blocks = blocksOf(person, 'Prestations');
    blocks.forEach((prestation, i) => {
      const where = `${at}/Prestations[${i + 1}]`;
      const natprest = textOf(prestation, 'NATPREST');
      const role = textOf(prestation, 'ROLEPERS');
      this.checkCode('NATPREST', natprest, where, index);
      this.checkCode('ROLEPERS', role, where, index);
      if (natprest === 'RSA' && rsaSeen && role !== result.roleRsa) {
        // Two RSA roles for one person (DEM and CJT, say): which one the CAF meant cannot be told.
        throw new RecordFaultSignal([at, 'Prestations'], 'two Prestations blocks with NATPREST RSA give two roles (ROLEPERS); which one the CAF meant cannot be told');
      }
      if (natprest === 'RSA' && !rsaSeen) {
        rsaSeen = true;
        result.roleRsa = role;
        result.topchapersRsa = flagOf(prestation, 'TOPCHAPERS');
      } else if (natprest === 'PFA' && result.rolePfa === null) {
        result.rolePfa = role;
        result.topchapersPfa = flagOf(prestation, 'TOPCHAPERS');
      }
    });
    if (!rsaSeen) throw new RecordFaultSignal([at, 'Prestations'], 'no Prestations block with NATPREST RSA');
    // vrsb0801.xsd: exactly two, PFA and RSA. An unknown NATPREST in one of them is flagged, not a fault.
    if (blocks.length < 2) throw missing([at, 'Prestations'], 'the second Prestations block (PFA and RSA)');
    if (blocks.length > 2) throw new RecordFaultSignal([at, 'Prestations'], `${blocks.length} Prestations blocks where vrsb0801.xsd allows two (PFA and RSA)`);
    return result;
  }

  private address(address: PlainBlock, index: number): AddressRecord {
    const at = `DonneesAdministratives/Adresse[${index + 1}]`;
    const segments = ['DonneesAdministratives', `Adresse[${index + 1}]`];
    const tronc = requiredBlock(address, 'TroncCommunAdresse', segments);
    // xsd:integer of two digits: `1` is `01`, the code the list (and every file CAF-FORMAT shows) writes.
    const rgadr = required(tronc, 'RGADR', [...segments, 'TroncCommunAdresse']).padStart(2, '0');
    const typeadr = textOf(tronc, 'TYPEADR');
    const etatadr = textOf(tronc, 'ETATADR');
    this.checkCode('RGADR', rgadr, `${at}/TroncCommunAdresse`, null);
    this.checkCode('TYPEADR', typeadr, `${at}/TroncCommunAdresse`, null);
    this.checkCode('ETATADR', etatadr, `${at}/TroncCommunAdresse`, null);
    const france = blockOf(address, 'AdresseDetailleeFrance');
    return {
      rgadr,
      dtemm: textOf(tronc, 'DTEMM'),
      pays: textOf(tronc, 'PAYS'),
      typeadr,
      etatadr,
      complideadr: textOf(france, 'COMPLIDEADR'),
      compladr: textOf(france, 'COMPLADR'),
      numvoie: textOf(france, 'NUMVOIE'),
      libtypevoie: textOf(france, 'LIBTYPEVOIE'),
      nomvoie: textOf(france, 'NOMVOIE'),
      lieudist: textOf(france, 'LIEUDIST'),
      numcom: textOf(france, 'NUMCOM'),
      codepos: textOf(france, 'CODEPOS'),
      nomcom: textOf(france, 'NOMCOM'),
      horsFrance: blockOf(address, 'AdresseHorsFrance') ?? null,
    };
  }

  private evenement(evenement: PlainBlock, index: number): HouseholdRecord['evenements'][number] {
    const at = `Evenement[${index + 1}]`;
    const fg = required(evenement, 'FG', [at]);
    this.checkCode('FG', fg, at, null);
    return { dtliq: textOf(evenement, 'DTLIQ'), heuliq: textOf(evenement, 'HEULIQ'), fg };
  }

  private anomalies(): string[] {
    const texts: string[] = [];
    blocksOf(this.root, 'Anomalie').forEach((anomalie) => {
      const libano = textOf(anomalie, 'LIBANO');
      if (libano !== null) texts.push(libano);
    });
    return texts;
  }

  /** An unknown code is stored and flagged, never a fault (CAF-FORMAT §13.6: code lists evolve). */
  private checkCode(element: CodedElement, value: string | null, at: string, personIndex: number | null): void {
    if (value === null || CAF_CODE_LISTS[element].has(value)) return;
    this.unknownCodes.push({ path: `InfosFoyerRSA/${at}/${element}`, element, value, personIndex });
  }
}

import type { GenHeader } from './header';
import { counter } from './formats';
import type { GenHousehold, GenPerson } from './model';
import type { LeafValue, XmlEmitter } from './xml-emitter';

/**
 * VRSB0801 element order, straight from the xsd:sequence of each block (CAF-FORMAT.md §4 and
 * vrsb0801.xsd). Optional elements with a null value are left out; the emitter renders the rest.
 */

type Pairs = (readonly [string, LeafValue])[];

/** Swaps the first and last children: enough to break xsd:sequence order while staying readable. */
function maybeShuffled(pairs: Pairs, shuffle: boolean): Pairs {
  if (!shuffle || pairs.length < 2) return pairs;
  const out = pairs.slice();
  [out[0], out[out.length - 1]] = [out[out.length - 1], out[0]];
  return out;
}

function block(e: XmlEmitter, name: string, pairs: Pairs): void {
  e.open(name).leaves(pairs).close(name);
}

export function writeHeader(e: XmlEmitter, h: GenHeader): void {
  block(e, 'IdentificationFlux', [
    ['APPLIEME', h.applieme],
    ['NUMVERSIONAPPLIEME', h.numversionapplieme],
    ['TYPEFLUX', h.typeflux],
    ['NATFLUX', h.natflux],
    ['DTCREAFLUX', h.dtcreaflux],
    ['HEUCREAFLUX', h.heucreaflux],
    ['DTREF', h.dtref],
  ]);
}

export function writeFooter(e: XmlEmitter, total: number, withAnomalies: number): void {
  block(e, 'TransmissionFlux', [
    ['NBTOTDOSRSATRANSM', counter(total)],
    ['NBTOTDOSRSATRANSMANO', counter(withAnomalies)],
  ]);
}

function writePerson(e: XmlEmitter, p: GenPerson, shuffle: boolean, unclosedName: boolean): void {
  e.open('Personne');
  e.open('Identification');
  const identification: Pairs = [
    ['QUAL', p.qual],
    ['NOM', p.nom],
    ['NOMNAI', p.nomnai],
    ['PRENOM', p.prenom],
    ['PRENOM2', p.prenom2],
    ['PRENOM3', p.prenom3],
    ['NOMCOMNAI', p.nomcomnai],
    ['DTNAI', p.dtnai],
    ['RGNAI', p.rgnai],
    ['TYPEDTNAI', p.typedtnai],
    ['NIR', p.nir],
    ['TOPVALIEC', p.topvaliec],
    ['SEXE', p.sexe],
  ];
  for (const [name, value] of maybeShuffled(identification, shuffle)) {
    if (unclosedName && name === 'NOM') e.unclosed('NOM', p.nom);
    else e.leaf(name, value);
  }
  e.close('Identification');
  block(e, 'DossierCAF', [
    ['TOPRESPDOS', p.toprespdos],
    ['DDRATDOS', p.ddratdos],
    ['DFRATDOS', p.dfratdos],
    ['NUMDEMRSAPRECE', p.numdemrsaprece],
  ]);
  for (const pr of p.prestations) {
    block(e, 'Prestations', [
      ['NATPREST', pr.natprest],
      ['ROLEPERS', pr.rolepers],
      ['TOPCHAPERS', pr.topchapers],
    ]);
  }
  for (const r of p.rattachements) {
    block(e, 'Rattachement', [
      ['NOMNAI', r.nomnai],
      ['PRENOM', r.prenom],
      ['DTNAI', r.dtnai],
      ['NIR', r.nir],
      ['TYPEPAR', r.typepar],
    ]);
  }
  if (p.idassedic) block(e, 'DossierPoleEmploi', [['IDASSEDIC', p.idassedic]]);
  if (p.ressources) {
    const r = p.ressources;
    e.open('Ressources');
    block(e, 'GeneraliteRessourcesTrimestre', [
      ['TOPRESSNUL', r.topressnul],
      ['DDRESS', r.ddress],
      ['DFRESS', r.dfress],
    ]);
    for (const m of r.mois) {
      e.open('RessourcesMensuelles');
      block(e, 'GeneraliteRessourcesMensuelles', [
        ['MOISRESS', m.moisress],
        ['NBHEUMENTRA', m.nbheumentra],
      ]);
      for (const d of m.details) {
        block(e, 'DetailRessourcesMensuelles', [
          ['NATRESS', d.natress],
          ['MTNATRESSMEN', d.mtnatressmen],
          ['ABANEU', d.abaneu],
        ]);
      }
      e.close('RessourcesMensuelles');
    }
    e.close('Ressources');
  }
  if (p.montantCalculDroit) {
    const m = p.montantCalculDroit;
    block(e, 'MontantCalculDroitRSAPersonne', [
      ['TOPPERSDRODEVORSA', m.toppersdrodevorsa],
      ['TOPPERSENTDRODEVORSA', m.toppersentdrodevorsa],
      ['MTPERSRESSMENRSA', m.mtpersressmenrsa],
      ['MTPERSABANEURSA', m.mtpersabaneursa],
    ]);
  }
  for (const a of p.activites) {
    block(e, 'Activite', [
      ['REG', a.reg],
      ['ACT', a.act],
      ['DDACT', a.ddact],
      ['DFACT', a.dfact],
      ['NATCONTRTRA', a.natcontrtra],
      ['TOPCONDADMETI', a.topcondadmeti],
    ]);
  }
  if (p.grossesse) {
    block(e, 'Grossesse', [
      ['DDGRO', p.grossesse.ddgro],
      ['DFGRO', p.grossesse.dfgro],
      ['DTDECLGRO', p.grossesse.dtdeclgro],
      ['NATFINGRO', p.grossesse.natfingro],
    ]);
  }
  e.close('Personne');
}

function writeIdentificationRsa(e: XmlEmitter, h: GenHousehold): void {
  const shuffle = h.quirks.outOfOrder === true;
  e.open('IdentificationRSA');
  block(e, 'Organisme', maybeShuffled([
    ['FONORG', h.organisme.fonorg],
    ['NUMORG', h.organisme.numorg],
    ['MATRICULE', h.organisme.matricule],
  ], shuffle));
  block(e, 'Partenaire', [
    ['TYPEPARTE', h.partenaire.typeparte],
    ['IDEPARTE', h.partenaire.ideparte],
  ]);
  block(e, 'DemandeRSA', [
    ['DTDEMRSA', h.demandeRsa.dtdemrsa],
    ['NUMDEMRSA', h.quirks.omitNumdemrsa ? null : h.demandeRsa.numdemrsa],
  ]);
  if (h.demandeRmi) {
    const d = h.demandeRmi;
    e.open('DemandeRMI');
    block(e, 'DateDemandeRMI', [['DTDEMRMI', d.dtdemrmi]]);
    block(e, 'NumeroInstructionRMI', [
      ['NUMDEPINSRMI', d.numdepinsrmi],
      ['TYPEINSRMI', d.typeinsrmi],
      ['NUMCOMINSRMI', d.numcominsrmi],
      ['NUMAGRINSRMI', d.numagrinsrmi],
      ['NUMDOSINSRMI', d.numdosinsrmi],
      ['NUMCLI', d.numcli],
    ]);
    e.close('DemandeRMI');
  }
  if (h.organismeCedant) {
    const c = h.organismeCedant;
    block(e, 'OrganismeCedant', [
      ['FONORGCEDMUT', c.fonorgcedmut],
      ['NUMORGCEDMUT', c.numorgcedmut],
      ['MATRICULEORGCEDMUT', c.matriculeorgcedmut],
      ['DDARRMUT', c.ddarrmut],
    ]);
  }
  if (h.organismePrenant) {
    const p = h.organismePrenant;
    block(e, 'OrganismePrenant', [
      ['FONORGPRENMUT', p.fonorgprenmut],
      ['NUMORGPRENMUT', p.numorgprenmut],
      ['DDDEPAMUT', p.dddepamut],
    ]);
  }
  e.close('IdentificationRSA');
}

function writeDonneesAdministratives(e: XmlEmitter, h: GenHousehold): void {
  e.open('DonneesAdministratives');
  block(e, 'SituationFamille', [
    ['SITFAM', h.situationFamille.sitfam],
    ['DDSITFAM', h.situationFamille.ddsitfam],
    ['REGAGRIFAM', h.situationFamille.regagrifam],
  ]);
  for (const a of h.addresses) {
    e.open('Adresse');
    block(e, 'TroncCommunAdresse', maybeShuffled([
      ['RGADR', a.rgadr],
      ['DTEMM', a.dtemm],
      ['PAYS', a.pays],
      ['TYPEADR', a.typeadr],
      ['ETATADR', a.etatadr],
    ], h.quirks.outOfOrder === true));
    block(e, 'AdresseDetailleeFrance', [
      ['COMPLIDEADR', a.complideadr],
      ['COMPLADR', a.compladr],
      ['NUMVOIE', a.numvoie],
      ['LIBTYPEVOIE', a.libtypevoie],
      ['NOMVOIE', a.nomvoie],
      ['LIEUDIST', a.lieudist],
      ['NUMCOM', a.numcom],
      ['CODEPOS', a.codepos],
      ['NOMCOM', a.nomcom],
    ]);
    e.close('Adresse');
  }
  e.close('DonneesAdministratives');
}

function writePrestationRsa(e: XmlEmitter, h: GenHousehold): void {
  e.open('PrestationRSA');
  e.open('SituationDossierRSA');
  block(e, 'EtatDossierRSA', [['ETATDOSRSA', h.etatdosrsa]]);
  if (h.refus) block(e, 'Refus', [['DTREFURSA', h.refus.dtrefursa], ['MOTIREFURSA', h.refus.motirefursa]]);
  for (const s of h.suspensionsDroit) {
    block(e, 'SuspensionDroit', [
      ['MOTISUSDRORSA', s.motisusdrorsa],
      ['DDSUSDRORSA', s.ddsusdrorsa],
      ['NATGROUPFSUS', s.natgroupfsus],
    ]);
  }
  for (const s of h.suspensionsVersement) {
    block(e, 'SuspensionVersement', [['MOTISUSVERSRSA', s.motisusversrsa], ['DDSUSVERSRSA', s.ddsusversrsa]]);
  }
  if (h.finDroit) block(e, 'FinDroit', [['MOTICLORSA', h.finDroit.moticlorsa], ['DTCLORSA', h.finDroit.dtclorsa]]);
  if (h.finDroitMoisAnterieur) {
    block(e, 'FinDroitMoisAnterieur', [['MOTICLORSA', h.finDroitMoisAnterieur.moticlorsa], ['DTCLORSA', h.finDroitMoisAnterieur.dtclorsa]]);
  }
  e.close('SituationDossierRSA');
  e.open('DetailDroitRSA');
  const t = h.troncCommunDroit;
  block(e, 'TroncCommunDroitRSA', [
    ['TOPSANSDOMFIXE', t.topsansdomfixe],
    ['NBENFAUTCHA', t.nbenfautcha],
    ['ORIDEMRSA', t.oridemrsa],
    ['DTORIDEMRSA', t.dtoridemrsa],
    ['TOPFOYDRODEVORSA', t.topfoydrodevorsa],
  ]);
  const m = h.montantsCalculDroit;
  if (m) {
    block(e, 'MontantsCalculDroitRSA', [
      ['DDELECAL', m.ddelecal],
      ['DFELECAL', m.dfelecal],
      ['MTREVMINIGARARSA', m.mtrevminigararsa],
      ['MTPENTRSA', m.mtpentrsa],
      ['MTLOCALRSA', m.mtlocalrsa],
      ['MTREVGARARSA', m.mtrevgararsa],
      ['MTPFRSA', m.mtpfrsa],
      ['MTALRSA', m.mtalrsa],
      ['MTRESSMENRSA', m.mtressmenrsa],
      ['MTSANOBLALIMRSA', m.mtsanoblalimrsa],
      ['MTREDHOSRSA', m.mtredhosrsa],
      ['MTREDCGRSA', m.mtredcgrsa],
      ['MTCUMINTEGRSA', m.mtcumintegrsa],
      ['MTABANEURSA', m.mtabaneursa],
      ['MTTOTDRORSA', m.mttotdrorsa],
    ]);
  }
  for (const d of h.detailsCalculDroit) {
    block(e, 'DetailCalculDroitRSA', [
      ['NATPF', d.natpf],
      ['SOUSNATPF', d.sousnatpf],
      ['DDNATDRO', d.ddnatdro],
      ['DFNATDRO', d.dfnatdro],
      ['MTRSAVERS', d.mtrsavers],
      ['DTDERRSAVERS', d.dtderrsavers],
    ]);
  }
  e.close('DetailDroitRSA');
  e.close('PrestationRSA');
}

/** One `InfosFoyerRSA` block. */
export function writeHousehold(e: XmlEmitter, h: GenHousehold): void {
  e.open('InfosFoyerRSA');
  writeIdentificationRsa(e, h);
  h.persons.forEach((p, i) => writePerson(e, p, h.quirks.outOfOrder === true, h.quirks.unclosedTag === true && i === 0));
  if (!h.quirks.omitDonneesAdministratives) writeDonneesAdministratives(e, h);
  if (!h.quirks.omitPrestationRsa) writePrestationRsa(e, h);
  for (const ev of h.evenements) block(e, 'Evenement', [['DTLIQ', ev.dtliq], ['HEULIQ', ev.heuliq], ['FG', ev.fg]]);
  for (const libano of h.anomalies) block(e, 'Anomalie', [['LIBANO', libano]]);
  e.close('InfosFoyerRSA');
}

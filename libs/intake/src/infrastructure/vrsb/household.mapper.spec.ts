import * as iconv from 'iconv-lite';
import type { HouseholdItem } from '../../domain/household-record';
import { householdItems, readAll } from './__fixtures__/read-all';
import { householdXml, personXml, vrsbDocument, type HouseholdFixture } from './__fixtures__/vrsb-builder';
import { parseHouseholdXml } from './household-xml.parser';

/** Reads a file made of a (possibly faulty) household between two good ones. */
async function readBetweenGoodOnes(faulty: HouseholdFixture | string): Promise<HouseholdItem[]> {
  const text = vrsbDocument({ households: [{ numdemrsa: '00000001059' }, faulty, { numdemrsa: '00000003059' }] });
  const outcome = await readAll(iconv.encode(text, 'windows-1252'));
  expect(outcome.error).toBeNull();
  const items = householdItems(outcome);
  expect(items.map((item) => item.ordinal)).toEqual([1, 2, 3]);
  expect(items[0]).toMatchObject({ ok: true, record: { numdemrsa: '00000001059' } });
  expect(items[2]).toMatchObject({ ok: true, record: { numdemrsa: '00000003059' } });
  return items;
}

async function faultOf(faulty: HouseholdFixture | string) {
  const item = (await readBetweenGoodOnes(faulty))[1];
  if (item.ok) throw new Error('the household was expected to be faulty');
  expect(item.rawXml).toBe(typeof faulty === 'string' ? faulty.trimEnd() : householdXml(faulty).trimEnd());
  return item.fault;
}

const base = householdXml({ numdemrsa: '00000002059', matricule: '077700000000000' });
const without = (element: string) => base.replace(new RegExp(`<${element}>[\\s\\S]*?</${element}>\\n`), '');
const replacing = (from: string, to: string) => {
  if (!base.includes(from)) throw new Error(`fixture has no ${from}`);
  return base.replace(from, to);
};

describe('household mapping — record faults (CAF-FORMAT §13.6)', () => {
  it.each([
    ['IdentificationRSA', without('IdentificationRSA'), 'InfosFoyerRSA/IdentificationRSA', null, null],
    ['MATRICULE', without('MATRICULE'), 'InfosFoyerRSA/IdentificationRSA/Organisme/MATRICULE', '00000002059', null],
    ['NUMDEMRSA', without('NUMDEMRSA'), 'InfosFoyerRSA/IdentificationRSA/DemandeRSA/NUMDEMRSA', null, '077700000000000'],
    ['DTDEMRSA', without('DTDEMRSA'), 'InfosFoyerRSA/IdentificationRSA/DemandeRSA/DTDEMRSA', '00000002059', '077700000000000'],
    ['Personne', without('Personne'), 'InfosFoyerRSA/Personne', '00000002059', '077700000000000'],
    ['PRENOM', without('PRENOM'), 'InfosFoyerRSA/Personne[1]/Identification/PRENOM', '00000002059', '077700000000000'],
    ['DTNAI (self-closed)', replacing('<DTNAI>1988-04-02</DTNAI>', '<DTNAI />'), 'InfosFoyerRSA/Personne[1]/Identification/DTNAI', '00000002059', '077700000000000'],
    ['DonneesAdministratives', without('DonneesAdministratives'), 'InfosFoyerRSA/DonneesAdministratives', '00000002059', '077700000000000'],
    ['SITFAM', replacing('<SITFAM>DIV</SITFAM>', '<SITFAM>   </SITFAM>'), 'InfosFoyerRSA/DonneesAdministratives/SituationFamille/SITFAM', '00000002059', '077700000000000'],
    ['PrestationRSA', without('PrestationRSA'), 'InfosFoyerRSA/PrestationRSA', '00000002059', '077700000000000'],
    ['EtatDossierRSA', without('EtatDossierRSA'), 'InfosFoyerRSA/PrestationRSA/SituationDossierRSA/EtatDossierRSA', '00000002059', '077700000000000'],
    ['ETATDOSRSA', replacing('<ETATDOSRSA>2</ETATDOSRSA>', '<ETATDOSRSA/>'), 'InfosFoyerRSA/PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA', '00000002059', '077700000000000'],
    ['Partenaire', without('Partenaire'), 'InfosFoyerRSA/IdentificationRSA/Partenaire', '00000002059', '077700000000000'],
    ['DossierCAF', without('DossierCAF'), 'InfosFoyerRSA/Personne[1]/DossierCAF', '00000002059', '077700000000000'],
    ['Adresse', without('Adresse'), 'InfosFoyerRSA/DonneesAdministratives/Adresse', '00000002059', '077700000000000'],
    ['DetailDroitRSA', without('DetailDroitRSA'), 'InfosFoyerRSA/PrestationRSA/DetailDroitRSA', '00000002059', '077700000000000'],
    ['TroncCommunDroitRSA', without('TroncCommunDroitRSA'), 'InfosFoyerRSA/PrestationRSA/DetailDroitRSA/TroncCommunDroitRSA', '00000002059', '077700000000000'],
    ['the second Prestations block', without('Prestations'), 'InfosFoyerRSA/Personne[1]/Prestations', '00000002059', '077700000000000'],
  ])('missing %s', async (_label, xml, path, numdemrsa, matricule) => {
    const fault = await faultOf(xml);
    expect(fault).toMatchObject({ path, numdemrsa, matricule });
    expect(fault.message).toMatch(/is missing or empty$/);
  });

  it('a person without NOMNAI nor NOM', async () => {
    const xml = householdXml({ numdemrsa: '00000002059', persons: [{}, { nom: '', nomnai: '' }] });
    expect(await faultOf(xml)).toEqual({
      numdemrsa: '00000002059',
      matricule: '042135700000000',
      path: 'InfosFoyerRSA/Personne[2]/Identification/NOMNAI',
      message: 'NOMNAI (and NOM) is missing or empty',
    });
  });

  it('a person without the RSA Prestations block', async () => {
    const person = personXml().replace(/<Prestations>\n<NATPREST>RSA<\/NATPREST>[\s\S]*?<\/Prestations>\n/, '');
    const xml = householdXml({ numdemrsa: '00000002059' }).replace(personXml(), person);
    expect(await faultOf(xml)).toMatchObject({ path: 'InfosFoyerRSA/Personne[1]/Prestations', message: 'no Prestations block with NATPREST RSA' });
  });

  it('a person with more Prestations blocks than the two vrsb0801.xsd allows, or two RSA roles', async () => {
    const third = '<Prestations>\n<NATPREST>PFA</NATPREST>\n<ROLEPERS>DEM</ROLEPERS>\n<TOPCHAPERS>0</TOPCHAPERS>\n</Prestations>\n';
    const three = personXml().replace('<Prestations>', `${third}<Prestations>`);
    expect(await faultOf(householdXml({ numdemrsa: '00000002059' }).replace(personXml(), three))).toMatchObject({
      path: 'InfosFoyerRSA/Personne[1]/Prestations',
      message: '3 Prestations blocks where vrsb0801.xsd allows two (PFA and RSA)',
    });
    const twoRoles = personXml().replace('<NATPREST>PFA</NATPREST>\n<ROLEPERS>DEM</ROLEPERS>', '<NATPREST>RSA</NATPREST>\n<ROLEPERS>CJT</ROLEPERS>');
    expect(twoRoles).not.toBe(personXml());
    expect(await faultOf(householdXml({ numdemrsa: '00000002059' }).replace(personXml(), twoRoles))).toMatchObject({
      path: 'InfosFoyerRSA/Personne[1]/Prestations',
      message: expect.stringContaining('two roles'),
    });
  });

  it('an impossible birth date, with the path of the person', async () => {
    const fault = await faultOf({ numdemrsa: '00000002059', persons: [{}, { dtnai: '2023-02-30', role: 'ENF', child: true }] });
    expect(fault).toEqual({
      numdemrsa: '00000002059',
      matricule: '042135700000000',
      path: 'InfosFoyerRSA/Personne[2]/Identification/DTNAI',
      message: 'the value is not a real calendar date (YYYY-MM-DD)',
    });
  });

  it('an impossible date read before NUMDEMRSA still reports the dossier number', async () => {
    const fault = await faultOf(replacing('<DTDEMRSA>2023-11-14</DTDEMRSA>', '<DTDEMRSA>2023-11-31</DTDEMRSA>'));
    expect(fault).toMatchObject({ numdemrsa: '00000002059', path: 'InfosFoyerRSA/IdentificationRSA/DemandeRSA/DTDEMRSA' });
  });

  it('a value longer than the schema allows, the reject keeping no identifier that would not fit', async () => {
    const fault = await faultOf(replacing('<NUMDEMRSA>00000002059</NUMDEMRSA>', '<NUMDEMRSA>000000020591</NUMDEMRSA>'));
    expect(fault).toEqual({
      numdemrsa: null,
      matricule: '077700000000000',
      path: 'InfosFoyerRSA/IdentificationRSA/DemandeRSA/NUMDEMRSA',
      message: 'the value is longer than the 11 characters vrsb0801.xsd allows',
    });
    const name = await faultOf({ numdemrsa: '00000002059', persons: [{}, { identification: `<NOMNAI>${'X'.repeat(29)}</NOMNAI>\n<PRENOM>LÉA</PRENOM>\n<DTNAI>1990-01-01</DTNAI>` }] });
    expect(name).toMatchObject({ numdemrsa: '00000002059', path: 'InfosFoyerRSA/Personne[2]/Identification/NOMNAI' });
    const code = await faultOf(replacing('<FONORG>CAF</FONORG>', '<FONORG>CNAF</FONORG>'));
    expect(code).toMatchObject({ path: 'InfosFoyerRSA/IdentificationRSA/Organisme/FONORG', message: 'the value is longer than the 3 characters vrsb0801.xsd allows' });
  });

  it('an unparsable decimal deep in a repeated block', async () => {
    const ressources = `<Ressources>
<GeneraliteRessourcesTrimestre><TOPRESSNUL>0</TOPRESSNUL><DDRESS>2024-01-01</DDRESS><DFRESS>2024-03-31</DFRESS></GeneraliteRessourcesTrimestre>
<RessourcesMensuelles><GeneraliteRessourcesMensuelles><MOISRESS>2024-01-01</MOISRESS></GeneraliteRessourcesMensuelles>
<DetailRessourcesMensuelles><NATRESS>001</NATRESS><MTNATRESSMEN>0000100.00</MTNATRESSMEN></DetailRessourcesMensuelles></RessourcesMensuelles>
<RessourcesMensuelles><GeneraliteRessourcesMensuelles><MOISRESS>2024-02-01</MOISRESS></GeneraliteRessourcesMensuelles>
<DetailRessourcesMensuelles><NATRESS>001</NATRESS><MTNATRESSMEN>0000100.00</MTNATRESSMEN></DetailRessourcesMensuelles>
<DetailRessourcesMensuelles><NATRESS>010</NATRESS><MTNATRESSMEN>12,50</MTNATRESSMEN></DetailRessourcesMensuelles></RessourcesMensuelles>
</Ressources>
`;
    const fault = await faultOf({ numdemrsa: '00000002059', persons: [{}, { extra: ressources }] });
    expect(fault).toMatchObject({
      path: 'InfosFoyerRSA/Personne[2]/Ressources/RessourcesMensuelles[2]/DetailRessourcesMensuelles[2]/MTNATRESSMEN',
      message: 'the value is not a decimal of at most 9 digits, 2 of them after the point',
    });
  });

  it('an unparsable boolean', async () => {
    const fault = await faultOf(replacing('<TOPSANSDOMFIXE>0</TOPSANSDOMFIXE>', '<TOPSANSDOMFIXE>N</TOPSANSDOMFIXE>'));
    expect(fault).toMatchObject({
      path: 'InfosFoyerRSA/PrestationRSA/DetailDroitRSA/TroncCommunDroitRSA/TOPSANSDOMFIXE',
      message: 'the value is not a boolean (0, 1, true, false)',
    });
  });

  it('an unparsable time in an Evenement', async () => {
    const evenement = '<Evenement>\n<DTLIQ>2024-02-03</DTLIQ>\n<HEULIQ>9h30</HEULIQ>\n<FG>SUS</FG>\n</Evenement>\n';
    const fault = await faultOf({ numdemrsa: '00000002059', extra: evenement + evenement });
    expect(fault).toMatchObject({ path: 'InfosFoyerRSA/Evenement[1]/HEULIQ', message: 'the value is not a time (HH:MM:SS[.fraction])' });
  });

  it('an Evenement without FG', async () => {
    const fault = await faultOf({ numdemrsa: '00000002059', extra: '<Evenement>\n<DTLIQ>2024-02-03</DTLIQ>\n</Evenement>\n' });
    expect(fault).toMatchObject({ path: 'InfosFoyerRSA/Evenement[1]/FG' });
  });

  it('an address without RGADR', async () => {
    expect(await faultOf(without('RGADR'))).toMatchObject({ path: 'InfosFoyerRSA/DonneesAdministratives/Adresse[1]/TroncCommunAdresse/RGADR' });
  });

  it('replays a faulty household from its raw XML to the same fault', async () => {
    const items = await readBetweenGoodOnes({ numdemrsa: '00000002059', persons: [{}, { dtnai: '2023-02-30' }] });
    expect(parseHouseholdXml(items[1].rawXml, 2)).toEqual(items[1]);
  });
});

describe('household mapping — optional data and unknown codes', () => {
  it('accepts a person without MontantCalculDroitRSAPersonne or NIR', async () => {
    const xml = householdXml({ numdemrsa: '00000002059', persons: [{}, { child: true, role: 'ENF' }] }).replace('<NIR>2880459000123</NIR>\n', '');
    const [, item] = await readBetweenGoodOnes(xml);
    if (!item.ok) throw new Error(item.fault.message);
    expect(item.record.persons[0]).toMatchObject({ nir: null, toppersdrodevorsa: true });
    expect(item.record.persons[1]).toMatchObject({ nir: '2880459000123', toprespdos: false, toppersdrodevorsa: null, mtpersressmenrsa: null, roleRsa: 'ENF' });
  });

  it('upper-cases the NIR and keeps leading zeros of identifiers', async () => {
    const [, item] = await readBetweenGoodOnes({ numdemrsa: '00000002059', matricule: '000000100000000', persons: [{ nir: ' 288042a000123 ' }] });
    if (!item.ok) throw new Error(item.fault.message);
    expect(item.record.matricule).toBe('000000100000000');
    expect(item.record.persons[0].nir).toBe('288042A000123');
    expect(item.record.addresses[0]).toMatchObject({ codepos: '59000', numcom: '59350' });
  });

  it('flags every unknown code with its path and person, and keeps the values', async () => {
    const xml = householdXml({
      numdemrsa: '00000002059',
      etatdosrsa: 'Z',
      sitfam: 'XXX',
      persons: [{ role: 'DEM' }, { role: 'BEA', sexe: '3', child: true }],
      situationExtra: '<FinDroit>\n<MOTICLORSA>ABC</MOTICLORSA>\n<DTCLORSA>2024-01-31</DTCLORSA>\n</FinDroit>\n',
      extra: '<Evenement>\n<DTLIQ>2024-02-03</DTLIQ>\n<HEULIQ>21:27:00</HEULIQ>\n<FG>ENTDED</FG>\n</Evenement>\n',
    }).replace('<FONORG>CAF</FONORG>', '<FONORG>XYZ</FONORG>');
    const [, item] = await readBetweenGoodOnes(xml);
    if (!item.ok) throw new Error(item.fault.message);
    expect(item.record).toMatchObject({ etatdosrsa: 'Z', sitfam: 'XXX', fonorg: 'XYZ', finDroit: { moticlorsa: 'ABC', dtclorsa: '2024-01-31' } });
    expect(item.record.persons[1]).toMatchObject({ roleRsa: 'BEA', rolePfa: 'BEA', sexe: '3' });
    expect(item.record.unknownCodes).toEqual([
      { path: 'InfosFoyerRSA/IdentificationRSA/Organisme/FONORG', element: 'FONORG', value: 'XYZ', personIndex: null },
      { path: 'InfosFoyerRSA/Personne[2]/Identification/SEXE', element: 'SEXE', value: '3', personIndex: 1 },
      { path: 'InfosFoyerRSA/Personne[2]/Prestations[1]/ROLEPERS', element: 'ROLEPERS', value: 'BEA', personIndex: 1 },
      { path: 'InfosFoyerRSA/Personne[2]/Prestations[2]/ROLEPERS', element: 'ROLEPERS', value: 'BEA', personIndex: 1 },
      { path: 'InfosFoyerRSA/DonneesAdministratives/SituationFamille/SITFAM', element: 'SITFAM', value: 'XXX', personIndex: null },
      { path: 'InfosFoyerRSA/PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA', element: 'ETATDOSRSA', value: 'Z', personIndex: null },
      { path: 'InfosFoyerRSA/PrestationRSA/SituationDossierRSA/FinDroit/MOTICLORSA', element: 'MOTICLORSA', value: 'ABC', personIndex: null },
    ]);
    expect(item.record.evenements).toEqual([{ dtliq: '2024-02-03', heuliq: '21:27:00.000000', fg: 'ENTDED' }]);
  });

  it('reads RGADR as the two-digit integer it is: `1` is the main address `01`, not an unknown code', async () => {
    const [, item] = await readBetweenGoodOnes(replacing('<RGADR>01</RGADR>', '<RGADR>1</RGADR>'));
    if (!item.ok) throw new Error(item.fault.message);
    expect(item.record.unknownCodes).toEqual([]);
    expect(item.record.addresses[0].rgadr).toBe('01');
    const [, unknown] = await readBetweenGoodOnes(replacing('<RGADR>01</RGADR>', '<RGADR>7</RGADR>'));
    if (!unknown.ok) throw new Error(unknown.fault.message);
    expect(unknown.record.unknownCodes.map((code) => [code.element, code.value])).toEqual([['RGADR', '07']]);
  });

  it('flags unknown NATPREST, QUAL, TYPEDTNAI, MOTISUSDRORSA, MOTIREFURSA and FG', async () => {
    const identification = `<QUAL>DR</QUAL>\n<NOMNAI>MARTIN</NOMNAI>\n<PRENOM>LÉA</PRENOM>\n<DTNAI>1990-01-01</DTNAI>\n<TYPEDTNAI>X</TYPEDTNAI>\n<SEXE>2</SEXE>`;
    const xml = householdXml({
      numdemrsa: '00000002059',
      persons: [{ identification }],
      situationExtra:
        '<Refus>\n<DTREFURSA>2024-01-02</DTREFURSA>\n<MOTIREFURSA>F99</MOTIREFURSA>\n</Refus>\n' +
        '<SuspensionDroit>\n<MOTISUSDRORSA>ZZ</MOTISUSDRORSA>\n<DDSUSDRORSA>2024-01-01</DDSUSDRORSA>\n<NATGROUPFSUS>RSA</NATGROUPFSUS>\n</SuspensionDroit>\n',
      extra: '<Evenement>\n<FG>INCONNU</FG>\n</Evenement>\n',
    }).replace('<NATPREST>PFA</NATPREST>', '<NATPREST>AAH</NATPREST>');
    const [, item] = await readBetweenGoodOnes(xml);
    if (!item.ok) throw new Error(item.fault.message);
    expect(item.record.unknownCodes.map((code) => [code.element, code.value])).toEqual([
      ['QUAL', 'DR'],
      ['TYPEDTNAI', 'X'],
      ['NATPREST', 'AAH'],
      ['MOTIREFURSA', 'F99'],
      ['MOTISUSDRORSA', 'ZZ'],
      ['FG', 'INCONNU'],
    ]);
    expect(item.record.persons[0]).toMatchObject({ nom: 'MARTIN', nomnai: 'MARTIN', rolePfa: null, roleRsa: 'DEM', qual: 'DR' });
    expect(item.record.refus).toEqual({ dtrefursa: '2024-01-02', motirefursa: 'F99' });
    expect(item.record.suspensionsDroit).toEqual([{ motisusdrorsa: 'ZZ', ddsusdrorsa: '2024-01-01', natgroupfsus: 'RSA' }]);
    expect(item.record.evenements).toEqual([{ dtliq: null, heuliq: null, fg: 'INCONNU' }]);
  });

  it('keeps unknown elements and repeated unknown elements in plain blocks', async () => {
    const extra = `<Activite>\n<ACT>SAL</ACT>\n<DDACT>2020-01-01</DDACT>\n<NOUVEAU>A</NOUVEAU>\n<NOUVEAU>B</NOUVEAU>\n<NOUVEAU>C</NOUVEAU>\n<toString>x</toString>\n<__proto__>y</__proto__>\n</Activite>\n`;
    const [, item] = await readBetweenGoodOnes({ numdemrsa: '00000002059', persons: [{ extra }] });
    if (!item.ok) throw new Error(item.fault.message);
    const [activite] = item.record.persons[0].activites;
    expect(Object.getPrototypeOf(activite)).toBe(Object.prototype);
    expect(JSON.stringify(activite)).toBe('{"ACT":"SAL","DDACT":"2020-01-01","NOUVEAU":["A","B","C"],"toString":"x","__proto__":"y"}');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as iconv from 'iconv-lite';
import { householdItems, readAll, recordsOf } from './__fixtures__/read-all';
import { vrsbDocument } from './__fixtures__/vrsb-builder';
import { parseHouseholdXml } from './household-xml.parser';
import { readVrsb } from './vrsb-reader';

const FIXTURE = readFileSync(join(__dirname, '__fixtures__', 'monthly-two-households.xml'));

describe('readVrsb — a whole monthly file', () => {
  it('yields the header, each household in order, then the end', async () => {
    const { events, error } = await readAll(FIXTURE);
    expect(error).toBeNull();
    expect(events.map((event) => event.type)).toEqual(['header', 'household', 'household', 'end']);
    expect(events[0]).toEqual({
      type: 'header',
      encoding: 'utf-8',
      header: {
        applieme: 'CRI',
        numVersionApplieme: '6200',
        typeFlux: 'M',
        natFlux: 'D',
        dtCreaFlux: '2024-03-05',
        heuCreaFlux: '03:00:17.520000',
        heuCreaFluxZone: null,
        dtRef: '2024-02-29',
        kind: 'monthly',
      },
    });
    expect(events[3]).toEqual({ type: 'end', households: 2, footer: { nbTotDosRsaTransm: 2, nbTotDosRsaTransmAno: 1 } });
    expect(householdItems({ events, error }).map((item) => [item.ordinal, item.ok])).toEqual([
      [1, true],
      [2, true],
    ]);
  });

  it('maps a household with its persons, addresses, right state and plain blocks', async () => {
    const [household] = await recordsOf(FIXTURE);
    expect(household).toMatchObject({
      numdemrsa: '00481234059',
      dtdemrsa: '2021-10-04',
      fonorg: 'CAF',
      numorg: '591',
      matricule: '004213500000000',
      typeparte: 'CG',
      ideparte: '059',
      demandeRmi: null,
      sitfam: 'VIM',
      ddsitfam: '2019-04-01',
      etatdosrsa: '4',
      refus: null,
      suspensionsDroit: [],
      suspensionsVersement: [{ motisusversrsa: '06', ddsusversrsa: '2024-02-01' }],
      finDroit: null,
      topsansdomfixe: false,
      nbenfautcha: '01',
      oridemrsa: 'DEM',
      topfoydrodevorsa: true,
      evenements: [{ dtliq: '2024-02-03', heuliq: '21:27:00.000000', fg: 'SUS' }],
      anomalies: [],
      unknownCodes: [],
    });
    expect(household.persons.map((p) => [p.index, p.nom, p.nomnai, p.prenom, p.roleRsa, p.rolePfa])).toEqual([
      [0, 'CŒURDEROY', 'FRANÇOIS', 'ÉLODIE', 'DEM', 'DEM'],
      [1, 'LEFÈVRE', 'LEFÈVRE', 'JOSÉ', 'CJT', 'CJT'],
      [2, 'LEFÈVRE', 'LEFÈVRE', 'NOÉ', 'ENF', 'ENF'],
    ]);
    const [dem, cjt, child] = household.persons;
    expect(dem).toMatchObject({
      qual: 'MME',
      prenom2: 'ANNE',
      prenom3: null,
      dtnai: '1986-02-14',
      typedtnai: 'N',
      nir: '2860259000412',
      topvaliec: true,
      sexe: '2',
      toprespdos: true,
      ddratdos: '2021-10-01',
      dfratdos: null,
      topchapersRsa: true,
      topchapersPfa: false,
      idassedic: '4211873B',
      toppersdrodevorsa: true,
      toppersentdrodevorsa: false,
      mtpersressmenrsa: '187.43',
      mtpersabaneursa: null,
    });
    expect(dem.activites).toEqual([
      { REG: 'GE', ACT: 'SAL', DDACT: '2023-09-01', DFACT: '2023-12-31' },
      { ACT: 'CHR', DDACT: '2024-01-01' },
    ]);
    expect(dem.ressources).toEqual({
      GeneraliteRessourcesTrimestre: { TOPRESSNUL: '0', DDRESS: '2023-11-01', DFRESS: '2024-01-31' },
      RessourcesMensuelles: [
        {
          GeneraliteRessourcesMensuelles: { MOISRESS: '2023-11-01', NBHEUMENTRA: '035' },
          DetailRessourcesMensuelles: [
            { NATRESS: '001', MTNATRESSMEN: '412.30' },
            { NATRESS: '026', MTNATRESSMEN: '150.00' },
          ],
        },
        {
          GeneraliteRessourcesMensuelles: { MOISRESS: '2023-12-01' },
          DetailRessourcesMensuelles: [{ NATRESS: '000', MTNATRESSMEN: '0.00' }],
        },
      ],
    });
    expect(cjt).toMatchObject({ toppersdrodevorsa: false, toppersentdrodevorsa: null, nir: '1840759000231', topvaliec: null });
    // A child has no MontantCalculDroitRSAPersonne (CAF-FORMAT §5.3, carnet-de-bord PR #1720).
    expect(child).toMatchObject({ toppersdrodevorsa: null, toppersentdrodevorsa: null, mtpersressmenrsa: null, nir: null, qual: null, typedtnai: 'J' });
    expect(child.rattachements).toEqual([
      { NOMNAI: 'FRANÇOIS', PRENOM: 'ÉLODIE', DTNAI: '1986-02-14', NIR: '2860259000412', TYPEPAR: 'LEG' },
      { NOMNAI: 'LEFÈVRE', PRENOM: 'JOSÉ', DTNAI: '1984-07-30', TYPEPAR: 'LEG' },
    ]);
    expect(household.addresses).toEqual([
      {
        rgadr: '01',
        dtemm: '2022-08-15',
        pays: 'FRA',
        typeadr: 'D',
        etatadr: 'CO',
        complideadr: null,
        compladr: 'BÂTIMENT C',
        numvoie: '7',
        libtypevoie: 'RUE',
        nomvoie: "DE L'ÉGLISE",
        lieudist: null,
        numcom: '59599',
        codepos: '59200',
        nomcom: 'TOURCOING',
        horsFrance: null,
      },
      expect.objectContaining({ rgadr: '02', etatadr: 'NC', nomvoie: 'DU GÉNÉRAL DE GAULLE', codepos: '59100', dtemm: null }),
    ]);
    expect(household.montantsCalculDroit).toEqual({
      DDELECAL: '2024-02-01',
      MTREVMINIGARARSA: '1275.54',
      MTREVGARARSA: '1275.54',
      MTRESSMENRSA: '187.43',
      MTTOTDRORSA: '1088.11',
    });
    expect(household.detailsCalculDroit).toEqual([
      { NATPF: 'RSD', SOUSNATPF: 'RSDN2', DDNATDRO: '2024-02-01', MTRSAVERS: '1088.11' },
    ]);
    expect(household.avisPcgDroit).toEqual({
      ConditionAdministrative: [{ AVISCONDADMRSA: 'D', MOTICONDADMRSA: '01', DTEFFAVISCONDADMRSA: '2023-12-01' }],
    });
  });

  it('reads elements in any order, trims padding, reads true/false and zero-padded decimals', async () => {
    const [, household] = await recordsOf(FIXTURE);
    expect(household).toMatchObject({
      numdemrsa: '00481299059',
      dtdemrsa: '2009-06-01',
      fonorg: 'MSA',
      matricule: '000731200000000',
      typeparte: 'CG',
      sitfam: 'CEL',
      ddsitfam: null,
      topsansdomfixe: true,
      topfoydrodevorsa: false,
      oridemrsa: 'RMI',
      organismeCedant: { FONORGCEDMUT: 'CAF', NUMORGCEDMUT: '621', DDARRMUT: '2023-06-01' },
      montantsCalculDroit: { MTREDCGRSA: '-12.50', DDELECAL: '2024-02-01', MTTOTDRORSA: '12.00' },
      evenements: [{ fg: 'NOUVEAU', heuliq: '01:18:36.000000', dtliq: '2024-02-04' }],
      anomalies: ['Adresse incomplète'],
    });
    const [person] = household.persons;
    // NOM absent: NOMNAI stands for both (the mandatory rule is "NOMNAI or NOM").
    expect(person).toMatchObject({ nom: 'DUBOIS', nomnai: 'DUBOIS', prenom: 'MARC', nir: '1750259000117', roleRsa: 'DEM', topchapersRsa: true, topchapersPfa: false });
    // Elements the schema does not declare stay in their plain block; nor are they an error at household level.
    expect(person.activites).toEqual([{ ACT: 'SAC', DDACT: '2020-01-01', TOPCONDADMETI: '1', NOUVELLEDONNEE: 'ABC' }]);
    expect(household.addresses).toEqual([expect.objectContaining({ rgadr: '01', etatadr: 'CO', codepos: '59140', nomcom: 'DUNKERQUE', pays: null })]);
  });

  it('flags unknown code values without rejecting the household', async () => {
    const [, household] = await recordsOf(FIXTURE);
    expect(household.etatdosrsa).toBe('9');
    expect(household.suspensionsVersement).toEqual([{ motisusversrsa: 'ZZ', ddsusversrsa: '2024-01-01' }]);
    expect(household.unknownCodes).toEqual([
      { path: 'InfosFoyerRSA/PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA', element: 'ETATDOSRSA', value: '9', personIndex: null },
      { path: 'InfosFoyerRSA/PrestationRSA/SituationDossierRSA/SuspensionVersement[1]/MOTISUSVERSRSA', element: 'MOTISUSVERSRSA', value: 'ZZ', personIndex: null },
      { path: 'InfosFoyerRSA/Evenement[1]/FG', element: 'FG', value: 'NOUVEAU', personIndex: null },
    ]);
  });

  it('gives each household its raw XML exactly as decoded, which maps back to the same item', async () => {
    const items = householdItems(await readAll(FIXTURE));
    const text = FIXTURE.toString('utf8');
    let from = 0;
    for (const item of items) {
      const start = text.indexOf('<InfosFoyerRSA>', from);
      const end = text.indexOf('</InfosFoyerRSA>', start) + '</InfosFoyerRSA>'.length;
      expect(item.rawXml).toBe(text.slice(start, end));
      expect(parseHouseholdXml(item.rawXml, item.ordinal)).toEqual(item);
      from = end;
    }
  });

  it('gives the same events whatever the chunk size (multi-byte characters split across chunks)', async () => {
    const whole = await readAll(FIXTURE);
    for (const size of [1, 7, 64 * 1024]) {
      expect(await readAll(FIXTURE, size)).toEqual(whole);
    }
    const cp1252 = iconv.encode(FIXTURE.toString('utf8').replace('encoding="UTF-8"', 'encoding="windows-1252"'), 'windows-1252');
    const wholeCp1252 = await readAll(cp1252);
    for (const size of [1, 7, 64 * 1024]) {
      expect(await readAll(cp1252, size)).toEqual(wholeCp1252);
    }
  });

  it('gives the same events across 64 KiB boundaries of a larger UTF-8 file', async () => {
    const households = Array.from({ length: 60 }, (_, i) => ({
      numdemrsa: `${String(i + 1).padStart(8, '0')}059`,
      persons: [{ nom: 'CŒURDEROY-ÉTIENNE', prenom: 'FRANÇOISE' }, { nom: 'LEFÈVRE', prenom: 'NOÉ', role: 'ENF', child: true }],
    }));
    const bytes = Buffer.from(vrsbDocument({ encoding: 'UTF-8', households }), 'utf8');
    expect(bytes.length).toBeGreaterThan(2 * 64 * 1024);
    const whole = await readAll(bytes);
    expect(whole.error).toBeNull();
    expect(householdItems(whole)).toHaveLength(60);
    for (const size of [1, 7, 64 * 1024]) expect(await readAll(bytes, size)).toEqual(whole);
  });

  it('classifies the file from TYPEFLUX', async () => {
    for (const [typeFlux, kind] of [
      ['I', 'daily'],
      ['M', 'monthly'],
      ['R', 'reprise'],
    ]) {
      const { events } = await readAll(Buffer.from(vrsbDocument({ typeFlux, encoding: 'UTF-8' })));
      expect(events[0]).toMatchObject({ type: 'header', header: { typeFlux, kind } });
    }
  });

  it('reads a file without households', async () => {
    const { events, error } = await readAll(Buffer.from(vrsbDocument({ households: [] })));
    expect(error).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['header', 'end']);
    expect(events[1]).toEqual({ type: 'end', households: 0, footer: { nbTotDosRsaTransm: 0, nbTotDosRsaTransmAno: 0 } });
  });

  it('yields the header and the first household before the input ends (streaming)', async () => {
    const text = vrsbDocument({ households: [{ numdemrsa: '00000001059' }, { numdemrsa: '00000002059' }] });
    const cut = text.indexOf('<InfosFoyerRSA>', text.indexOf('</InfosFoyerRSA>'));
    const input = new PassThrough();
    const events = readVrsb(input);
    input.write(iconv.encode(text.slice(0, cut), 'windows-1252'));

    const header = await events.next();
    expect(header.value).toMatchObject({ type: 'header', encoding: 'windows-1252' });
    const first = await events.next();
    expect(first.value).toMatchObject({ type: 'household', item: { ok: true, ordinal: 1, record: { numdemrsa: '00000001059' } } });
    expect(input.writableEnded).toBe(false);

    input.end(iconv.encode(text.slice(cut), 'windows-1252'));
    const rest = [];
    for await (const event of events) rest.push(event);
    expect(rest.map((e) => e.type)).toEqual(['household', 'end']);
  });

  it('stops reading the input when the consumer stops', async () => {
    const input = new PassThrough();
    input.write(Buffer.from(vrsbDocument({ encoding: 'UTF-8' })));
    for await (const event of readVrsb(input)) {
      expect(event.type).toBe('header');
      break;
    }
    expect(input.destroyed).toBe(true);
  });

  it('refuses text chunks: their bytes were already decoded by someone', async () => {
    const input = new PassThrough({ encoding: 'latin1' });
    input.end(Buffer.from(vrsbDocument()));
    await expect(readVrsb(input).next()).rejects.toThrow(TypeError);
  });
});

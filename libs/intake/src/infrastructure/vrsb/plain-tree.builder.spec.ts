import { PlainTreeBuilder } from './plain-tree.builder';

type Step = [string] | ['text', string] | ['close'];

function build(steps: Step[], checkValues = true) {
  const builder = new PlainTreeBuilder();
  const [root] = steps[0] as [string];
  builder.start(root, checkValues);
  let done = false;
  for (const step of steps.slice(1)) {
    if (step[0] === 'close') done = builder.close();
    else if (step[0] === 'text') builder.text(step[1] as string);
    else builder.open(step[0]);
  }
  expect(done).toBe(true);
  return builder.take();
}

const leaf = (name: string, text: string): Step[] => [[name], ['text', text], ['close']];

describe('PlainTreeBuilder', () => {
  it('trims and normalises leaves by schema kind, drops blanks, keeps empty schema blocks', () => {
    const tree = build([
      ['Personne'],
      ['text', '\n'],
      ['Identification'],
      ...leaf('NOM', '  DUPONT '),
      ...leaf('DTNAI', '1990-05-17'),
      ...leaf('NIR', ' 190052a000012 '),
      ...leaf('PRENOM2', '   '),
      ['QUAL'],
      ['close'],
      ['close'],
      ...leaf('TOPPERSDRODEVORSA', 'true'),
      ['Grossesse'],
      ['close'],
      ['Activite'],
      ...leaf('ACT', 'SAL'),
      ['close'],
      ...leaf('MTPERSRESSMENRSA', '0000012.5'),
      ['close'],
    ]);
    expect(tree.fault).toBeNull();
    expect(tree.block).toEqual({
      Identification: { NOM: 'DUPONT', DTNAI: '1990-05-17', NIR: '190052A000012' },
      TOPPERSDRODEVORSA: '1',
      Grossesse: {},
      Activite: [{ ACT: 'SAL' }],
      MTPERSRESSMENRSA: '12.50',
    });
  });

  it('keeps the first bad value as a fault with its XPath-like path, and the text', () => {
    const tree = build([
      ['InfosFoyerRSA'],
      ['Personne'],
      ['close'],
      ['Personne'],
      ['Identification'],
      ...leaf('DTNAI', '2023-02-30'),
      ['close'],
      ...leaf('TOPRESPDOS', 'oui'),
      ['close'],
      ['close'],
    ]);
    expect(tree.fault?.path).toBe('InfosFoyerRSA/Personne[2]/Identification/DTNAI');
    expect(tree.fault?.message).toBe('the value is not a real calendar date (YYYY-MM-DD)');
    expect(tree.block).toEqual({ Personne: [{}, { Identification: { DTNAI: '2023-02-30' }, TOPRESPDOS: 'oui' }] });
  });

  it.each([
    ['NUMDEMRSA', '060000590591', 'the value is longer than the 11 characters vrsb0801.xsd allows'],
    // Names, NIR and the CAF number are personal: the message does not quote them.
    ['NOM', 'A'.repeat(29), 'the value is longer than the 28 characters vrsb0801.xsd allows'],
    ['NOMCOMNAI', 'B'.repeat(60), 'the value is longer than the 26 characters vrsb0801.xsd allows'],
    ['NIR', '1800959000909123', 'the value is longer than the 15 characters vrsb0801.xsd allows'],
    ['RGNAI', '12', 'the value is not an integer of at most 1 digits'],
    ['MATRICULE', '12345670000000A', 'the value is not an integer of at most 15 digits'],
    ['LIBTYPEVOIE', 'C'.repeat(60), `the value is longer than the 30 characters vrsb0801.xsd allows`],
    ['MTPERSRESSMENRSA', '999999999999.99', 'the value is not a decimal of at most 9 digits, 2 of them after the point'],
    ['MTPERSRESSMENRSA', '12.345', 'the value is not a decimal of at most 9 digits, 2 of them after the point'],
  ])('refuses a %s beyond what the schema allows (%s)', (name, text, message) => {
    const tree = build([['InfosFoyerRSA'], ...leaf(name, text), ['close']]);
    expect(tree.fault?.path).toBe(`InfosFoyerRSA/${name}`);
    expect(tree.fault?.message).toBe(message);
  });

  it('accepts values at the schema limits, and drops zeros padding an integer beyond its width', () => {
    const tree = build([
      ['InfosFoyerRSA'],
      ...leaf('NUMDEMRSA', '06000059059'),
      ...leaf('NOM', 'A'.repeat(28)),
      ...leaf('RGNAI', '01'),
      ...leaf('MATRICULE', '0042135700000000'),
      ...leaf('CODEPOS', '01000'),
      ...leaf('MTPERSRESSMENRSA', '9999999.99'),
      ...leaf('MTRSAVERS', '0001675.000'),
      ...leaf('UNKNOWNELEMENT', 'C'.repeat(300)),
      ['close'],
    ]);
    expect(tree.fault).toBeNull();
    expect(tree.block).toEqual({
      NUMDEMRSA: '06000059059', NOM: 'A'.repeat(28), RGNAI: '1', MATRICULE: '042135700000000', CODEPOS: '01000',
      MTPERSRESSMENRSA: '9999999.99', MTRSAVERS: '1675.00', UNKNOWNELEMENT: 'C'.repeat(300),
    });
  });

  it('refuses an element or a block given twice where the schema allows it once, and keeps repeats the schema allows', () => {
    const twoStates = build([['InfosFoyerRSA'], ['EtatDossierRSA'], ...leaf('ETATDOSRSA', '2'), ...leaf('ETATDOSRSA', '5'), ['close'], ['close']]);
    expect(twoStates.fault?.path).toBe('InfosFoyerRSA/EtatDossierRSA/ETATDOSRSA[2]');
    expect(twoStates.fault?.message).toBe('ETATDOSRSA appears more than once where vrsb0801.xsd allows it once');
    const twoDemands = build([['InfosFoyerRSA'], ['IdentificationRSA'], ['DemandeRSA'], ...leaf('NUMDEMRSA', '1'), ['close'], ['DemandeRSA'], ...leaf('NUMDEMRSA', '2'), ['close'], ['close'], ['close']]);
    expect(twoDemands.fault?.path).toBe('InfosFoyerRSA/IdentificationRSA/DemandeRSA[2]');
    const allowed = build([
      ['InfosFoyerRSA'],
      ['Personne'], ...leaf('NOM', 'A'), ['close'],
      ['Personne'], ...leaf('NOM', 'B'), ['close'],
      ...leaf('EXTRAINCONNU', 'x'), ...leaf('EXTRAINCONNU', 'y'),
      ['close'],
    ]);
    expect(allowed.fault).toBeNull();
    expect(allowed.block).toEqual({ Personne: [{ NOM: 'A' }, { NOM: 'B' }], EXTRAINCONNU: ['x', 'y'] });
  });

  it('leaves values unchecked for the envelope, where the mapper decides', () => {
    const tree = build([['IdentificationFlux'], ...leaf('DTCREAFLUX', ' 2024-02-30 '), ...leaf('HEUCREAFLUX', '01:18:36.0000'), ['close']], false);
    expect(tree).toEqual({ block: { DTCREAFLUX: '2024-02-30', HEUCREAFLUX: '01:18:36.0000' }, fault: null });
  });

  it('ignores indentation around children and joins text split by saxes', () => {
    const tree = build([['Organisme'], ['text', '\n  '], ['MATRICULE'], ['text', '0421'], ['text', '35700000000'], ['close'], ['text', '\n'], ['close']]);
    expect(tree.block).toEqual({ MATRICULE: '042135700000000' });
  });
});

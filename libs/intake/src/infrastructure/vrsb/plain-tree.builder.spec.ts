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
    expect(tree.fault?.message).toBe('"2023-02-30" is not a real calendar date (YYYY-MM-DD)');
    expect(tree.block).toEqual({ Personne: [{}, { Identification: { DTNAI: '2023-02-30' }, TOPRESPDOS: 'oui' }] });
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

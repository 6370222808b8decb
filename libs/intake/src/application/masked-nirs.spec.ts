import { withMaskedNirs } from './intake-queries';

describe('withMaskedNirs (a reject raw XML as the API answers it)', () => {
  const NIR = '2880459000073';

  it.each([
    ['a NIR element', `<NIR>${NIR}</NIR>`, '<NIR>28804••••••••</NIR>'],
    ['with its key', `<NIR>${NIR}45</NIR>`, '<NIR>28804••••••••</NIR>'],
    ['with attributes', `<NIR a="1">${NIR}</NIR>`, '<NIR a="1">28804••••••••</NIR>'],
    ['with spaces in its tags', `<NIR >${NIR}</NIR >`, '<NIR >28804••••••••</NIR>'],
    ['in CDATA', `<NIR><![CDATA[${NIR}]]></NIR>`, '<NIR>28804••••••••</NIR>'],
    ['Corsica', '<NIR>1880A2A000123</NIR>'.replace('1880A', '18804'), '<NIR>18804••••••••</NIR>'],
    ['not a NIR, in a NIR element: bullets', '<NIR>ABC</NIR>', '<NIR>•••</NIR>'],
  ])('%s', (_case, xml, masked) => {
    expect(withMaskedNirs(xml)).toBe(masked);
  });

  it.each([
    ['another element', `<MTREVMINIGARARSA>${NIR}</MTREVMINIGARARSA>`],
    ['a comment', `<!-- ${NIR} -->`],
    ['an attribute', `<Personne ref="${NIR}45">`],
    ['free text', `<LIBANO>${NIR} DEMARLE NEE LE</LIBANO>`],
    ['an unknown element', `<X>${NIR}</X>`],
  ])('anything shaped like a NIR elsewhere: %s', (_case, xml) => {
    const masked = withMaskedNirs(xml);
    expect(masked).not.toContain(NIR);
    expect(masked).toContain('28804••••••••');
  });

  it.each([
    ['spaced', '<NOM>MASK 2 88 04 59 000 073 45</NOM>', '<NOM>MASK 2 88 04 ••••••••</NOM>'],
    ['dashed, without its key', '<PRENOM>2-88-04-59-000-073</PRENOM>', '<PRENOM>2-88-04-••••••••</PRENOM>'],
    ['dotted', '<X>2.88.04.59.000.073.45</X>', '<X>2.88.04.••••••••</X>'],
  ])('a NIR written in its groups, anywhere: %s', (_case, xml, masked) => {
    expect(withMaskedNirs(xml)).toBe(masked);
  });

  it('leaves identifiers and values that are not NIR-shaped as they are', () => {
    const xml =
      '<NUMDEMRSA>00000012345</NUMDEMRSA><MATRICULE>1234567</MATRICULE><DTNAI>1988-04-28</DTNAI><MTRSAVERS>0000512.34</MTRSAVERS><X>28804590000731234</X><TEL>06 12 34 56 78</TEL><Y>2 88-04 59 000 073</Y>';
    expect(withMaskedNirs(xml)).toBe(xml);
  });
});

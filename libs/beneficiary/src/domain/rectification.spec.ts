import { checkRequestedValue } from './rectification';

describe('a rectification request, field by field', () => {
  const today = '2026-12-03';

  it('keeps names as the CAF takes them: letters with spaces, hyphens, apostrophes; trimmed', () => {
    expect(checkRequestedValue('nom', "  D'ALMEIDA   DA SILVA ", today)).toEqual({ value: "D'ALMEIDA DA SILVA" });
    expect(checkRequestedValue('prenom', 'Marie-Hélène', today)).toEqual({ value: 'Marie-Hélène' });
    expect(checkRequestedValue('nomcomnai', 'PARIS 15E ARRONDISSEMENT', today)).toEqual({ value: 'PARIS 15E ARRONDISSEMENT' });
  });

  it('refuses a NIR or digits typed as a name, punctuation alone, and a name longer than the CAF holds', () => {
    for (const [field, raw] of [['nom', '2880459000073'], ['prenom', 'JEAN2'], ['nomnai', '--'], ['prenom2', "O'"], ['nom', '<script>']] as const) {
      expect(checkRequestedValue(field, raw, today)).toHaveProperty('refusal');
    }
    expect(checkRequestedValue('prenom2', 'A'.repeat(16), today)).toEqual({ refusal: "A prenom2 holds 15 characters at most (the CAF's length)" });
    expect(checkRequestedValue('nom', '   ', today)).toEqual({ refusal: 'The requested value is empty' });
  });

  it('takes a birth date that exists and has come, after 1900', () => {
    expect(checkRequestedValue('dtnai', '1988-02-29', today)).toEqual({ value: '1988-02-29' });
    expect(checkRequestedValue('dtnai', today, today)).toEqual({ value: today });
    for (const raw of ['1987-02-29', '29/02/1988', '2026-12-04', '1899-12-31', 'hier']) expect(checkRequestedValue('dtnai', raw, today)).toHaveProperty('refusal');
  });

  it("takes the CAF's sex codes only, and an address without a long number", () => {
    expect(checkRequestedValue('sexe', '2', today)).toEqual({ value: '2' });
    expect(checkRequestedValue('sexe', 'F', today)).toHaveProperty('refusal');
    expect(checkRequestedValue('address', '12 rue de la Gare 59100 Roubaix', today)).toEqual({ value: '12 rue de la Gare 59100 Roubaix' });
    expect(checkRequestedValue('address', '12 rue de la Gare 2 88 04 59 000 073', today)).toHaveProperty('refusal');
  });
});

import { aDiagnosticContent } from './diagnostic-fixture';
import { ageOn, contentProblems, factsOf } from './diagnostic';

describe('contentProblems', () => {
  it('refuses a job project given twice', () => {
    const content = aDiagnosticContent();
    content.wishes.jobProjects = ['K1302', 'K1302'];
    expect(contentProblems(content)).toEqual(['wishes.jobProjects: a code given twice']);
  });

  it('accepts a complete diagnostic with catalogue codes', () => {
    const content = aDiagnosticContent({ barriers: { mobilite: 'blocking' } });
    content.themes.mobilite.situations = ['sans-permis'];
    content.themes.mobilite.objectives = ['passer-le-permis'];
    content.wishes.jobProjects = ['N4105'];
    expect(contentProblems(content)).toEqual([]);
  });

  it('lists a missing theme, unknown codes, repeated codes, situations or objectives without a barrier, a bad ROME code', () => {
    const content = aDiagnosticContent();
    delete (content.themes as Partial<typeof content.themes>).sante;
    content.themes.budget = { level: 'none', situations: ['dettes'], objectives: [], supportWanted: false };
    content.themes['autonomie-numerique'] = { level: 'none', situations: [], objectives: ['atelier-numerique'], supportWanted: false };
    content.themes.logement = { level: 'blocking', situations: ['chateau', 'sans-logement', 'sans-logement'], objectives: ['demenager-sur-la-lune'], supportWanted: true };
    (content.themes as Record<string, unknown>).astrologie = { level: 'none', situations: [], objectives: [], supportWanted: false };
    content.wishes.jobProjects = ['plombier'];
    expect(contentProblems(content)).toEqual([
      'themes.budget: situations recorded for a theme without barrier',
      'themes.logement.situations: unknown code chateau',
      'themes.logement.objectives: unknown code demenager-sur-la-lune',
      'themes.logement: a code given twice',
      'themes.autonomie-numerique: objectives set for a theme without barrier',
      'themes.sante: missing',
      'themes.astrologie: unknown theme',
      'wishes.jobProjects: plombier is not a ROME code',
    ]);
  });
});

describe('ageOn and factsOf', () => {
  it('counts full years, the birthday itself included', () => {
    expect(ageOn('1968-03-15', '2026-03-14')).toBe(57);
    expect(ageOn('1968-03-15', '2026-03-15')).toBe(58);
    expect(ageOn('2000-02-29', '2027-02-28')).toBe(26);
  });

  it('lists the blocking and peripheral themes in the référentiel order', () => {
    const content = aDiagnosticContent({ barriers: { sante: 'blocking', famille: 'peripheral', budget: 'blocking' } });
    expect(factsOf(content, 40)).toEqual({ age: 40, blocking: ['budget', 'sante'], peripheral: ['famille'] });
  });
});

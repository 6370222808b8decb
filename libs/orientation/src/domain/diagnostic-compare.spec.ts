import { compareContents } from './diagnostic-compare';
import { aDiagnosticContent } from './diagnostic-fixture';

describe('comparing two versions of a diagnostic', () => {
  it('lists what changed theme by theme and criterion by criterion, and which barriers got lighter', () => {
    const before = aDiagnosticContent({ barriers: { mobilite: 'blocking', logement: 'peripheral' }, criteria: { availability: 'near' } });
    before.themes.mobilite.situations = ['sans-permis'];
    const after = aDiagnosticContent({ barriers: { mobilite: 'peripheral', logement: 'peripheral', budget: 'blocking' } });
    after.themes.mobilite.situations = ['sans-vehicule'];
    after.themes.mobilite.objectives = ['solution-de-transport'];
    after.wishes.jobProjects = ['K1302'];
    const diff = compareContents(before, after);
    expect(diff.themes).toEqual([
      { theme: 'budget', level: { before: 'none', after: 'blocking' }, situations: { added: [], removed: [] }, objectives: { added: [], removed: [] }, supportWanted: null },
      {
        theme: 'mobilite',
        level: { before: 'blocking', after: 'peripheral' },
        situations: { added: ['sans-vehicule'], removed: ['sans-permis'] },
        objectives: { added: ['solution-de-transport'], removed: [] },
        supportWanted: null,
      },
    ]);
    expect(diff.changes).toEqual([
      { field: 'criteria.availability', before: 'near', after: 'immediate' },
      { field: 'wishes.jobProjects', before: [], after: ['K1302'] },
    ]);
    expect(diff.lighter).toEqual(['mobilite']);
    expect(diff.heavier).toEqual(['budget']);
  });

  it('finds nothing between equal contents', () => {
    expect(compareContents(aDiagnosticContent(), aDiagnosticContent())).toEqual({ themes: [], changes: [], lighter: [], heavier: [] });
  });
});

import { aDiagnosticContent } from './diagnostic-fixture';
import { factsOf } from './diagnostic';
import { scoreOf, SCORING_VERSION } from './scoring';

describe('scoreOf', () => {
  it('gives 0, close to work, to the person every criterion places in Emploi', () => {
    const content = aDiagnosticContent();
    expect(scoreOf(content, factsOf(content, 35))).toEqual({ version: SCORING_VERSION, value: 0, profile: 'close-to-work', addends: [] });
  });

  it('adds what each answer weighs, the largest first, and reads the profile from the total', () => {
    const content = aDiagnosticContent({ criteria: { availability: 'near', autonomy: 'medium' }, barriers: { logement: 'blocking', mobilite: 'peripheral' } });
    const score = scoreOf(content, factsOf(content, 40));
    expect(score.addends).toEqual([
      { factor: 'blocking barrier: logement', points: 12 },
      { factor: 'availability: near', points: 8 },
      { factor: 'autonomy: medium', points: 5 },
      { factor: 'peripheral barrier: mobilite', points: 4 },
    ]);
    expect(score).toMatchObject({ value: 29, profile: 'intermediate' });
  });

  it('places someone cumulating barriers far from work, and never above 100', () => {
    const content = aDiagnosticContent({
      criteria: { availability: 'not-available', motivation: 'none', autonomy: 'none', lastExperience: 'never', qualification: 'none' },
      barriers: { famille: 'blocking', budget: 'blocking', logement: 'blocking', sante: 'blocking', mobilite: 'blocking', 'savoirs-de-base': 'blocking' },
    });
    content.powerToAct.confidence = 1;
    const score = scoreOf(content, factsOf(content, 60));
    expect(score).toMatchObject({ value: 100, profile: 'far-from-work' });
    expect(score.addends.map((a) => a.factor)).toEqual(expect.arrayContaining(['over 58', 'no qualification', 'confidence: 1 of 4', 'motivation: none']));
  });

  it('moves with the person: a barrier lifted between two versions lowers the score by its weight', () => {
    const before = aDiagnosticContent({ barriers: { logement: 'blocking' } });
    const after = aDiagnosticContent({ barriers: { logement: 'peripheral' } });
    expect(scoreOf(before, factsOf(before, 30)).value - scoreOf(after, factsOf(after, 30)).value).toBe(8);
  });
});

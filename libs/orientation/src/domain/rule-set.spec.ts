import { aDiagnosticContent } from './diagnostic-fixture';
import { factsOf, type DiagnosticContent } from './diagnostic';
import { AUTONOMIES, AVAILABILITIES, BARRIER_THEMES, LAST_EXPERIENCES, MOTIVATIONS, type BarrierLevel } from './diagnostic';
import { DEFAULT_RULE_SET, matchingRule, propose, ruleSetProblems, type RuleSet } from './rule-set';

const proposalFor = (content: DiagnosticContent, age = 35, set: RuleSet = DEFAULT_RULE_SET) => propose(set, content, factsOf(content, age));

/** The référentiel's matrix (DOMAIN.md §4, L3112-3135), row by row, through the default rule set. */
describe('the default rule set: the référentiel matrix', () => {
  it('is a valid rule set, ending with its catch-all', () => {
    expect(ruleSetProblems(DEFAULT_RULE_SET)).toEqual([]);
    expect(DEFAULT_RULE_SET.rules.at(-1)).toMatchObject({ id: 'remobilisation', when: [] });
  });

  it('holds each rule to a line of text (copied into every proposal and decision) and a set to a handful of rules', () => {
    const [first, ...rest] = DEFAULT_RULE_SET.rules;
    const long = { ...DEFAULT_RULE_SET, rules: [{ ...first, label: 'x'.repeat(161), source: 'y'.repeat(301) }, ...rest] };
    expect(ruleSetProblems(long)).toEqual(['rules[0].label: text of 160 characters at most', 'rules[0].source: text of 300 characters at most']);
    const many = { ...DEFAULT_RULE_SET, rules: [...Array.from({ length: 50 }, (_, i) => ({ ...first, id: `r${i}` })), DEFAULT_RULE_SET.rules.at(-1) as (typeof DEFAULT_RULE_SET.rules)[number]] };
    expect(ruleSetProblems(many)).toEqual(['rules: 50 at most']);
  });

  it('Emploi: every column of the Emploi row (immediate, motivated, no blocking barrier, < 58, complete autonomy, recent experience, jobless)', () => {
    const proposal = proposalFor(aDiagnosticContent());
    expect(proposal).toMatchObject({ dominante: 'emploi', ruleId: 'emploi', notBecause: [] });
    expect(proposal.because.map((c) => c.explanation)).toContain('availability: immediate (expected immediate)');
    expect(proposal.structureKinds).toContain('france-travail-agency');
  });

  it('Emploi row, employment situation: a part-time job compatible with intensive support still says Emploi; one that is not does not', () => {
    expect(proposalFor(aDiagnosticContent({ criteria: { employmentSituation: 'part-time-compatible' } })).dominante).toBe('emploi');
    const incompatible = proposalFor(aDiagnosticContent({ criteria: { employmentSituation: 'part-time-incompatible' } }));
    expect(incompatible.dominante).toBe('equilibre');
    expect(incompatible.notBecause).toEqual([{ ruleId: 'emploi', failed: expect.objectContaining({ holds: false, explanation: 'employmentSituation: part-time-incompatible (expected jobless or part-time-compatible)' }) }]);
  });

  it('age row: < 58 for Emploi, ≤ 58 for Équilibre, > 58 Remobilisation', () => {
    expect(proposalFor(aDiagnosticContent(), 57).dominante).toBe('emploi');
    expect(proposalFor(aDiagnosticContent(), 58).dominante).toBe('equilibre');
    expect(proposalFor(aDiagnosticContent(), 59).dominante).toBe('remobilisation');
  });

  it('availability row: near is Équilibre, not available is Remobilisation', () => {
    expect(proposalFor(aDiagnosticContent({ criteria: { availability: 'near' } })).dominante).toBe('equilibre');
    expect(proposalFor(aDiagnosticContent({ criteria: { availability: 'not-available' } })).dominante).toBe('remobilisation');
  });

  it('motivation row: no motivation to work and be supported is Remobilisation', () => {
    expect(proposalFor(aDiagnosticContent({ criteria: { motivation: 'none' } })).dominante).toBe('remobilisation');
    expect(proposalFor(aDiagnosticContent({ criteria: { motivation: 'support-only' } })).dominante).toBe('remobilisation');
  });

  it('personal situation row: one peripheral barrier is still Emploi; more, or one blocking barrier, Équilibre; several blocking barriers Remobilisation', () => {
    expect(proposalFor(aDiagnosticContent({ barriers: { mobilite: 'peripheral' } })).dominante).toBe('emploi');
    const peripheral = proposalFor(aDiagnosticContent({ barriers: { mobilite: 'peripheral', budget: 'peripheral' } }));
    expect(peripheral.dominante).toBe('equilibre');
    expect(peripheral.notBecause[0].failed.explanation).toBe('peripheralBarriers: 2 [budget, mobilite] (expected at most 1)');
    const one = proposalFor(aDiagnosticContent({ barriers: { logement: 'blocking' } }));
    expect(one.dominante).toBe('equilibre');
    expect(one.notBecause[0].failed.explanation).toBe('blockingBarriers: 1 [logement] (expected at most 0)');
    const several = proposalFor(aDiagnosticContent({ barriers: { logement: 'blocking', sante: 'blocking' } }));
    expect(several.dominante).toBe('remobilisation');
    expect(several.notBecause.map((n) => n.failed.explanation)).toEqual(['blockingBarriers: 2 [logement, sante] (expected at most 0)', 'blockingBarriers: 2 [logement, sante] (expected at most 1)']);
  });

  it('autonomy row: medium is Équilibre, none is Remobilisation', () => {
    expect(proposalFor(aDiagnosticContent({ criteria: { autonomy: 'medium' } })).dominante).toBe('equilibre');
    expect(proposalFor(aDiagnosticContent({ criteria: { autonomy: 'none' } })).dominante).toBe('remobilisation');
  });

  it('last work experience row: recent or medium for Équilibre, distant is Remobilisation', () => {
    expect(proposalFor(aDiagnosticContent({ criteria: { lastExperience: 'medium' } })).dominante).toBe('equilibre');
    expect(proposalFor(aDiagnosticContent({ criteria: { lastExperience: 'distant' } })).dominante).toBe('remobilisation');
    expect(proposalFor(aDiagnosticContent({ criteria: { lastExperience: 'never' } })).dominante).toBe('remobilisation');
  });
});

describe('a territory’s own rule set', () => {
  const tourcoing: RuleSet = {
    rules: [
      { id: 'logement-d-abord', label: 'Sans logement : Remobilisation', when: [{ theme: 'logement', levels: ['blocking'] }], then: { dominante: 'remobilisation', structureKinds: ['departement-service'] } },
      { id: 'inscrits-ft', label: 'Inscrits à France Travail', when: [{ criterion: 'franceTravailRegistered', is: true }, { fact: 'age', min: 18, max: 64 }], then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] } },
      { id: 'autres', label: 'Les autres', when: [], then: { dominante: 'equilibre', structureKinds: ['maison-nord-emploi'] } },
    ],
  };

  it('applies its first rule that holds, and says which earlier ones did not', () => {
    expect(ruleSetProblems(tourcoing)).toEqual([]);
    expect(proposalFor(aDiagnosticContent({ barriers: { logement: 'blocking' } }), 35, tourcoing)).toMatchObject({ ruleId: 'logement-d-abord', dominante: 'remobilisation' });
    const registered = proposalFor(aDiagnosticContent({ criteria: { availability: 'not-available' } }), 35, tourcoing);
    expect(registered).toMatchObject({ ruleId: 'inscrits-ft', dominante: 'emploi' });
    expect(registered.notBecause).toEqual([{ ruleId: 'logement-d-abord', failed: expect.objectContaining({ explanation: 'logement: none (expected blocking)' }) }]);
    expect(registered.because.map((c) => c.explanation)).toEqual(['franceTravailRegistered: true (expected true)', 'age: 35 (expected 18 to 64)']);
    expect(proposalFor(aDiagnosticContent({ criteria: { franceTravailRegistered: false } }), 35, tourcoing)).toMatchObject({ ruleId: 'autres', dominante: 'equilibre' });
  });
});

describe('matchingRule: the simulation’s count', () => {
  it('picks the rule propose picks, over every combination of the criteria and barrier counts, for the référentiel and a territory’s set', () => {
    const territory: RuleSet = {
      rules: [
        { id: 'sante', label: 'Santé bloquante', when: [{ theme: 'sante', levels: ['blocking'] }], then: { dominante: 'remobilisation', structureKinds: ['departement-service'] } },
        { id: 'ft', label: 'Inscrits', when: [{ criterion: 'franceTravailRegistered', is: true }, { fact: 'peripheralBarriers', max: 2 }], then: { dominante: 'emploi', structureKinds: ['france-travail-agency'] } },
        { id: 'autres', label: 'Les autres', when: [], then: { dominante: 'equilibre', structureKinds: ['maison-nord-emploi'] } },
      ],
    };
    let compared = 0;
    const levels: BarrierLevel[] = ['none', 'peripheral', 'blocking'];
    for (const availability of AVAILABILITIES) for (const motivation of MOTIVATIONS) for (const autonomy of AUTONOMIES) for (const lastExperience of LAST_EXPERIENCES)
      for (const [i, level] of levels.entries()) for (const age of [30, 58, 60]) {
        // One, two or three themes from the end of the list (santé first), at one level.
        const barriers = Object.fromEntries(BARRIER_THEMES.slice(-(i + 1)).map((t) => [t, level]));
        const content = aDiagnosticContent({ criteria: { availability, motivation, autonomy, lastExperience, franceTravailRegistered: age !== 58 }, barriers });
        const facts = factsOf(content, age);
        for (const set of [DEFAULT_RULE_SET, territory]) {
          expect(matchingRule(set, content, facts).id).toBe(propose(set, content, facts).ruleId);
          compared++;
        }
      }
    expect(compared).toBe(3 * 3 * 3 * 4 * 3 * 3 * 2);
  });
});

describe('ruleSetProblems', () => {
  const catchAll = DEFAULT_RULE_SET.rules[2];

  it('requires the catch-all last, and nothing after a rule without conditions', () => {
    expect(ruleSetProblems({ rules: [] })).toEqual(['rules: at least the catch-all is needed']);
    expect(ruleSetProblems({ rules: [DEFAULT_RULE_SET.rules[0]] })).toEqual(['rules: the last rule must be the catch-all (no conditions), so that everyone gets a proposal']);
    expect(ruleSetProblems({ rules: [catchAll, { ...catchAll, id: 'again' }] })).toEqual(['rules[0]: a rule without conditions must be the last one (the rules after it would never apply)']);
  });

  it('lists every bad id, code, bound and outcome', () => {
    const problems = ruleSetProblems({
      rules: [
        {
          id: 'Bad Id',
          label: ' ',
          when: [
            { criterion: 'availability', in: ['tomorrow'] },
            { fact: 'age', min: 60, max: 18 },
            { fact: 'blockingBarriers' },
            { theme: 'astrologie' as never, levels: ['blocking'] },
            { criterion: 'franceTravailRegistered', is: 'yes' as never },
          ],
          then: { dominante: 'travail' as never, structureKinds: [] },
        },
        { ...catchAll, id: 'remobilisation' },
        { ...catchAll },
      ],
    });
    expect(problems).toEqual([
      'rules[0].id: lowercase letters, digits and dashes, 40 at most',
      'rules[0].label: missing',
      'rules[0].then.dominante: one of emploi, equilibre, remobilisation',
      expect.stringMatching(/^rules\[0\]\.then\.structureKinds: at least one of /),
      'rules[0].when[0]: in: values among immediate, near, not-available',
      'rules[0].when[1]: min is above max',
      'rules[0].when[2]: min and/or max: whole numbers from 0 to 8',
      expect.stringMatching(/^rules\[0\]\.when\[3\]: theme: one of famille, /),
      'rules[0].when[4]: is: true or false',
      'rules[1]: a rule without conditions must be the last one (the rules after it would never apply)',
      'rules[2].id: remobilisation is used twice',
    ]);
  });

  it('propose refuses a set that was never validated (no catch-all) rather than propose nothing', () => {
    expect(() => proposalFor(aDiagnosticContent({ criteria: { availability: 'near' } }), 35, { rules: [DEFAULT_RULE_SET.rules[0]] })).toThrow('no catch-all');
  });
});

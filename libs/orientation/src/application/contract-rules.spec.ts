import { ACTION_CATEGORIES } from '../domain/contract';
import { ACTION_CATALOGUE, actionLabel, actionTransitionAllowed, contractKindFor, intensityByWeek, milestoneDueOn, mondayOf, wholeWeeks } from './contract-rules';

describe('contract rules', () => {
  it('a PPAE with a France Travail agency, a CER with every other referent structure', () => {
    expect(contractKindFor('france-travail-agency')).toBe('ppae');
    for (const kind of ['maison-nord-emploi', 'departement-service', 'partner-operator', 'mission-locale', 'cap-emploi']) expect(contractKindFor(kind)).toBe('cer');
  });

  it('has codes for every action category, and knows a code only in its category', () => {
    for (const category of ACTION_CATEGORIES) expect(Object.keys(ACTION_CATALOGUE[category]).length).toBeGreaterThan(0);
    expect(actionLabel('workshop', 'cv-workshop')).toBe('Atelier CV et lettre de motivation');
    expect(actionLabel('training', 'cv-workshop')).toBeNull();
  });

  it('moves actions forward only; done and cancelled are final', () => {
    expect(actionTransitionAllowed('planned', 'in-progress')).toBe(true);
    expect(actionTransitionAllowed('in-progress', 'cancelled')).toBe(true);
    expect(actionTransitionAllowed('in-progress', 'planned')).toBe(false);
    expect(actionTransitionAllowed('done', 'cancelled')).toBe(false);
  });

  it('rounds adjustments to whole weeks, Monday to Sunday', () => {
    expect(mondayOf('2027-01-20')).toBe('2027-01-18');
    expect(mondayOf('2027-01-24')).toBe('2027-01-18');
    expect(mondayOf('2027-01-18')).toBe('2027-01-18');
    expect(wholeWeeks('2027-01-20', '2027-02-03')).toEqual({ fromOn: '2027-01-18', toOn: '2027-02-07' });
  });

  it('reports each week against 15 h or the adjusted floor, without cancelled actions', () => {
    const actions = [
      { category: 'interview' as const, weeklyHours: 2, startsOn: '2027-01-18', endsOn: '2027-03-31', provider: null, status: 'planned' },
      { category: 'workshop' as const, weeklyHours: 14, startsOn: '2027-01-25', endsOn: '2027-02-05', provider: null, status: 'in-progress' },
      { category: 'training' as const, weeklyHours: 20, startsOn: '2027-01-18', endsOn: '2027-03-31', provider: null, status: 'cancelled' },
    ];
    const weeks = intensityByWeek(actions, [{ weeklyHours: 2, reason: 'health', fromOn: '2027-02-08', toOn: '2027-02-14' }], '2027-01-18', '2027-02-21');
    expect(weeks.map((w) => [w.week, w.hours, w.floor, w.met])).toEqual([
      ['2027-01-18', 2, 15, false],
      ['2027-01-25', 16, 15, true],
      ['2027-02-01', 16, 15, true],
      ['2027-02-08', 2, 2, true],
      ['2027-02-15', 2, 15, false],
    ]);
    expect(weeks[3].adjustment).toEqual({ weeklyHours: 2, reason: 'health' });
  });

  it('follows employment exits at 1, 3 and 6 months, month ends as the contracts do', () => {
    expect(milestoneDueOn('2027-01-31', '1-month')).toBe('2027-02-28');
    expect(milestoneDueOn('2027-01-31', '3-months')).toBe('2027-04-30');
    expect(milestoneDueOn('2027-01-31', '6-months')).toBe('2027-07-31');
  });
});

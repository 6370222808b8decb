import { DEFAULT_TARGET_MIXES } from './dominante';
import { mixOf, mixProblems } from './simulation';

describe('mixOf', () => {
  it('counts, gives percentages to one decimal and the gap to the target in points', () => {
    const report = mixOf([...Array(7).fill('emploi'), ...Array(2).fill('equilibre'), 'remobilisation'], DEFAULT_TARGET_MIXES['roubaix-tourcoing']);
    expect(report).toEqual({
      people: 10,
      counts: { emploi: 7, equilibre: 2, remobilisation: 1 },
      mix: { emploi: 70, equilibre: 20, remobilisation: 10 },
      target: { emploi: 50, equilibre: 30, remobilisation: 20 },
      gap: { emploi: 20, equilibre: -10, remobilisation: -10 },
    });
    expect(mixOf(['emploi', 'equilibre', 'equilibre'], null)).toMatchObject({ mix: { emploi: 33.3, equilibre: 66.7, remobilisation: 0 }, gap: null });
    expect(mixOf([], null)).toMatchObject({ people: 0, mix: { emploi: 0, equilibre: 0, remobilisation: 0 } });
  });
});

describe('mixProblems', () => {
  it('wants shares of 0 to 100 that add up to 100', () => {
    for (const mix of Object.values(DEFAULT_TARGET_MIXES)) expect(mixProblems(mix)).toEqual([]);
    expect(mixProblems({ emploi: 50, equilibre: 30, remobilisation: 30 })).toEqual(['the shares add up to 100']);
    expect(mixProblems({ emploi: 120, equilibre: -10, remobilisation: -10 })).toEqual(['each share is a percentage, 0 to 100']);
  });
});

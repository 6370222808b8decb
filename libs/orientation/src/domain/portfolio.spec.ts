import { DEFAULT_PORTFOLIO_CAPACITY } from './dominante';
import { capacityProblems, firstAppointmentDeadline, suggestReferent, type ReferentCandidate } from './portfolio';

const referent = (id: string, change: Partial<ReferentCandidate> = {}): ReferentCandidate => ({
  professionalId: id,
  structureId: `structure-${id}`,
  structureKind: 'maison-nord-emploi',
  territoryIds: ['roubaix-tourcoing'],
  load: { emploi: 0, equilibre: 0, remobilisation: 0 },
  capacity: DEFAULT_PORTFOLIO_CAPACITY,
  available: true,
  ...change,
});

describe('firstAppointmentDeadline: 5 working days after the diagnostic (DOMAIN.md §2.5)', () => {
  it('counts working days only, public holidays included', () => {
    // Monday 6 April 2026 is Easter Monday: from Thursday 2 April, the fifth working day is Friday 10.
    expect(firstAppointmentDeadline('2026-04-02')).toBe('2026-04-10');
    expect(firstAppointmentDeadline('2026-12-01')).toBe('2026-12-08');
    // Christmas and New Year's Day.
    expect(firstAppointmentDeadline('2026-12-23')).toBe('2026-12-31');
  });
});

describe('suggestReferent', () => {
  it('suggests the referent of the right kind, territory and availability with the most room in the dominante, and says why', () => {
    const suggestion = suggestReferent(
      [
        referent('a', { load: { emploi: 55, equilibre: 0, remobilisation: 0 } }),
        referent('b', { load: { emploi: 40, equilibre: 30, remobilisation: 0 } }),
        referent('c', { structureKind: 'france-travail-agency' }),
        referent('d', { territoryIds: ['lille'] }),
        referent('e', { available: false }),
      ],
      'emploi',
      'roubaix-tourcoing',
      ['maison-nord-emploi', 'partner-operator'],
    );
    expect(suggestion).toEqual({
      professionalId: 'b',
      structureId: 'structure-b',
      room: 20,
      overCapacity: false,
      because: ['2 referent(s) of maison-nord-emploi, partner-operator in roubaix-tourcoing', 'the most room in emploi: 20 of 60 places left'],
    });
  });

  it('breaks ties by the lighter whole portfolio, then by id', () => {
    const tied = [referent('z', { load: { emploi: 10, equilibre: 5, remobilisation: 0 } }), referent('y', { load: { emploi: 10, equilibre: 0, remobilisation: 0 } }), referent('x', { load: { emploi: 10, equilibre: 0, remobilisation: 0 } })];
    expect(suggestReferent(tied, 'emploi', 'roubaix-tourcoing', ['maison-nord-emploi'])?.professionalId).toBe('x');
  });

  it('follows a territory’s own capacity (Tourcoing: 50 whatever the dominante) and flags over capacity when nobody has room', () => {
    const fifty = { emploi: 50, equilibre: 50, remobilisation: 50 };
    const full = suggestReferent(
      [referent('a', { capacity: fifty, load: { emploi: 0, equilibre: 52, remobilisation: 0 } }), referent('b', { capacity: fifty, load: { emploi: 0, equilibre: 50, remobilisation: 0 } })],
      'equilibre',
      'roubaix-tourcoing',
      ['maison-nord-emploi'],
    );
    expect(full).toMatchObject({ professionalId: 'b', room: 0, overCapacity: true });
    expect(full?.because[1]).toBe('none has room in equilibre: the least loaded (50 of 50)');
  });

  it('suggests nobody when no referent fits', () => {
    expect(suggestReferent([referent('a')], 'emploi', 'roubaix-tourcoing', ['france-travail-agency'])).toBeNull();
  });
});

describe('capacityProblems', () => {
  it('wants whole numbers of people per dominante', () => {
    expect(capacityProblems(DEFAULT_PORTFOLIO_CAPACITY)).toEqual([]);
    expect(capacityProblems({ emploi: 0, equilibre: 70.5, remobilisation: 60 })).toEqual(['emploi: a whole number of people, 1 to 500', 'equilibre: a whole number of people, 1 to 500']);
  });
});

import { addMonths, firstPeriod, heaviestWeek, MAX_PLANNED_WEEKLY_HOURS, renewalPeriod, weeklyIntensity, type PlannedAction } from './contract';

describe('contract periods by dominante (DOMAIN.md §5)', () => {
  it('Emploi: 3 months, renewable 3; the bilan at the end of the first period, the referent reminded 15 days before', () => {
    const first = firstPeriod('emploi', '2027-01-15');
    expect(first).toEqual({ startsOn: '2027-01-15', endsOn: '2027-04-14', bilanDueOn: '2027-04-14', remindOn: '2027-03-30' });
    expect(renewalPeriod('emploi', first.endsOn)).toMatchObject({ startsOn: '2027-04-15', endsOn: '2027-07-14' });
  });

  it('Équilibre: 6 months, renewable 3; Remobilisation: 6 months, renewable 6', () => {
    expect(firstPeriod('equilibre', '2027-01-15').endsOn).toBe('2027-07-14');
    expect(renewalPeriod('equilibre', '2027-07-14').endsOn).toBe('2027-10-14');
    expect(firstPeriod('remobilisation', '2027-01-15').endsOn).toBe('2027-07-14');
    expect(renewalPeriod('remobilisation', '2027-07-14').endsOn).toBe('2028-01-14');
  });

  it('adds months to the same day, or the month’s last day', () => {
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-10-15', 3)).toBe('2028-01-15');
  });
});

describe('weeklyIntensity (DOMAIN.md §7: at least 15 hours, 15 to 20)', () => {
  const plan: PlannedAction[] = [
    { category: 'interview', weeklyHours: 1, startsOn: '2027-01-18', endsOn: '2027-06-30', provider: null },
    { category: 'workshop', weeklyHours: 6, startsOn: '2027-01-18', endsOn: '2027-02-12', provider: 'MNE Roubaix' },
    { category: 'immersion', weeklyHours: 10, startsOn: '2027-02-01', endsOn: '2027-02-05', provider: 'Entreprise' },
  ];

  it('counts the actions running in the week against the 15-hour floor', () => {
    expect(weeklyIntensity(plan, '2027-01-18', null)).toEqual({ hours: 7, floor: 15, intensive: false, aboveRange: false });
    expect(weeklyIntensity(plan, '2027-02-01', null)).toEqual({ hours: 17, floor: 15, intensive: true, aboveRange: false });
  });

  it('tells a week beyond the 20 hours the accompaniment plans, which still reaches its floor', () => {
    const heavy: PlannedAction[] = [...plan, { category: 'training', weeklyHours: 3, startsOn: '2027-02-01', endsOn: '2027-02-28', provider: 'AFPA' }];
    expect(weeklyIntensity(heavy, '2027-02-01', null)).toEqual({ hours: 20, floor: 15, intensive: true, aboveRange: false });
    expect(weeklyIntensity([...heavy, { category: 'workshop', weeklyHours: 0.5, startsOn: '2027-02-03', endsOn: '2027-02-03', provider: null }], '2027-02-01', null)).toEqual({
      hours: 20.5,
      floor: 15,
      intensive: true,
      aboveRange: true,
    });
  });

  it('uses an adjusted floor when the referent set one with its reason', () => {
    expect(weeklyIntensity(plan, '2027-01-18', { hours: 6, reason: 'health' })).toEqual({ hours: 7, floor: 6, intensive: true, aboveRange: false });
  });
});

describe('weeklyIntensity in tenths of hours', () => {
  it('reaches the 15-hour floor with hours that add up to 15 exactly (5.1 + 4.8 + 5.1)', () => {
    const actions = [5.1, 4.8, 5.1].map((weeklyHours) => ({ category: 'workshop' as const, weeklyHours, startsOn: '2027-03-01', endsOn: '2027-03-07', provider: null }));
    expect(weeklyIntensity(actions, '2027-03-01', null)).toEqual({ hours: 15, floor: 15, intensive: true, aboveRange: false });
  });
});

describe('heaviestWeek (the ceiling of a plan, MAX_PLANNED_WEEKLY_HOURS)', () => {
  it('finds the week whose running actions add up to the most hours, Monday to Sunday', () => {
    const actions = [
      { weeklyHours: 10, startsOn: '2027-03-01', endsOn: '2027-03-28' },
      { weeklyHours: 30, startsOn: '2027-03-14', endsOn: '2027-03-16' }, // Sunday 14 and the next week
      { weeklyHours: 12, startsOn: '2027-03-22', endsOn: '2027-04-30' },
    ];
    expect(heaviestWeek(actions, '2027-03-01', '2027-04-30')).toEqual({ monday: '2027-03-08', hours: 40 });
    expect(heaviestWeek(actions, '2027-03-22', '2027-04-30')).toEqual({ monday: '2027-03-22', hours: 22 });
    expect(heaviestWeek([], '2027-03-01', '2027-03-07')).toEqual({ monday: '2027-03-01', hours: 0 });
    expect(MAX_PLANNED_WEEKLY_HOURS).toBe(48);
    // Tenths add up exactly: 48 is 48, at the ceiling, not over it.
    const exact = [0.6, 39.7, 7.7].map((weeklyHours) => ({ weeklyHours, startsOn: '2027-03-01', endsOn: '2027-03-07' }));
    expect(heaviestWeek(exact, '2027-03-01', '2027-03-07')).toEqual({ monday: '2027-03-01', hours: 48 });
  });
});

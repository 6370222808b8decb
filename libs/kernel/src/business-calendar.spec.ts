import { addDays, addWorkingDays, isPublicHoliday, isWorkingDay, workingDayOnOrAfter, workingDayOnOrBefore } from './business-calendar';

describe('business calendar', () => {
  it('knows the French public holidays, Easter-based ones included', () => {
    for (const day of ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25', '2027-03-29']) {
      expect([day, isPublicHoliday(day)]).toEqual([day, true]);
    }
    expect(isPublicHoliday('2026-12-26')).toBe(false); // Saint-Étienne: Alsace-Moselle only, not the Nord
  });

  it('counts working days: weekends and holidays excluded', () => {
    expect(isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07'); // Friday + 1 = Monday
    expect(addWorkingDays('2026-12-22', 5)).toBe('2026-12-30'); // over Christmas
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15'); // over Ascension
    expect(addWorkingDays('2026-12-07', -2)).toBe('2026-12-03');
  });

  it('moves to the nearest working day on either side', () => {
    expect(workingDayOnOrBefore('2026-12-27')).toBe('2026-12-24'); // Sunday after Christmas -> Thursday 24
    expect(workingDayOnOrAfter('2026-12-25')).toBe('2026-12-28');
    expect(workingDayOnOrBefore('2026-12-04')).toBe('2026-12-04');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

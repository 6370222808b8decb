import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCalendarDay, isCalendarDay } from './calendar-day';
import { IsInstant } from './instant';

class Period {
  @IsCalendarDay() from!: string;
}

class Moment {
  @IsInstant() at!: string;
}

const problems = (from: unknown) => validateSync(plainToInstance(Period, { from })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsCalendarDay', () => {
  it('accepts a day that exists, written YYYY-MM-DD', () => {
    expect(problems('2026-04-30')).toEqual([]);
    expect(problems('2028-02-29')).toEqual([]);
  });

  it('refuses another shape, a day that does not exist, and a time', () => {
    expect(problems('2026-4-1')).toContain('from must be a day, YYYY-MM-DD');
    expect(problems('2026-04-31').length).toBeGreaterThan(0);
    expect(problems('2027-02-29').length).toBeGreaterThan(0);
    expect(problems('2026-04-30T10:00:00Z')).toContain('from must be a day, YYYY-MM-DD');
    expect(problems(20260430).length).toBeGreaterThan(0);
  });

  it('refuses a day outside 1900-2199, whose arithmetic would leave the four-digit years', () => {
    expect(problems('9999-12-31')).toContain('from must fall between 1900 and 2199');
    expect(problems('0001-01-01')).toContain('from must fall between 1900 and 2199');
    expect(problems('1900-01-01')).toEqual([]);
    expect(problems('2199-12-31')).toEqual([]);
    expect(isCalendarDay('9999-12-31')).toBe(false);
    expect(isCalendarDay('1956-03-02')).toBe(true);
  });

  it('applies the same years to a moment', () => {
    const momentProblems = (at: unknown) => validateSync(plainToInstance(Moment, { at })).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(momentProblems('9999-12-31T10:00:00+01:00')).toContain('at must fall between 1900 and 2199');
    expect(momentProblems('2026-12-23T10:00:00+01:00')).toEqual([]);
  });
});

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCalendarDay } from './calendar-day';

class Period {
  @IsCalendarDay() from!: string;
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
});

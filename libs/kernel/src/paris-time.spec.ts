import { parisDateOf, parisInstant, parisTimeOf, parisWallClockToDate } from './paris-time';

describe('parisWallClockToDate', () => {
  it('applies UTC+1 in winter and UTC+2 in summer', () => {
    expect(parisWallClockToDate('2026-11-05', '01:18:36.000000').toISOString()).toBe('2026-11-05T00:18:36.000Z');
    expect(parisWallClockToDate('2026-07-05', '21:27:00.500000').toISOString()).toBe('2026-07-05T19:27:00.500Z');
  });

  it('keeps files of the same day in header order across the October DST change', () => {
    const before = parisWallClockToDate('2026-10-25', '01:30:00.000000');
    const after = parisWallClockToDate('2026-10-25', '04:00:00.000000');
    expect(after.getTime() - before.getTime()).toBe(3.5 * 3600 * 1000);
  });
});

describe('parisDateOf', () => {
  it('gives the Paris calendar day, which is not the UTC one around midnight', () => {
    expect(parisDateOf(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(parisDateOf(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(parisDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});

describe('parisTimeOf / parisInstant', () => {
  it('round-trips a Paris wall-clock time in winter and summer', () => {
    expect(parisInstant('2026-12-08', '09:30').toISOString()).toBe('2026-12-08T08:30:00.000Z');
    expect(parisInstant('2026-07-08', '09:30').toISOString()).toBe('2026-07-08T07:30:00.000Z');
    expect(parisTimeOf(new Date('2026-12-08T08:30:00Z'))).toBe('09:30');
    expect(parisTimeOf(new Date('2026-03-29T01:30:00Z'))).toBe('03:30');
  });
});

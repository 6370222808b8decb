import { compactTime, frenchDate, frenchDateTime, frenchDay, frenchDuration, frenchTime } from './french-dates';

describe('French dates', () => {
  it('writes an appointment out in Paris time', () => {
    expect(frenchDateTime(new Date('2026-12-08T08:30:00Z'))).toBe('mardi 8 décembre 2026 à 9 h 30');
    expect(frenchDateTime(new Date('2026-12-08T13:00:00Z'))).toBe('mardi 8 décembre 2026 à 14 h');
    expect(compactTime(new Date('2026-12-08T08:30:00Z'))).toBe('9h30');
  });

  it('follows the Paris clock across the DST changes', () => {
    // Sunday 29 March 2026, 02:00 -> 03:00; Sunday 25 October 2026, 03:00 -> 02:00.
    expect(frenchDateTime(new Date('2026-03-27T08:00:00Z'))).toBe('vendredi 27 mars 2026 à 9 h');
    expect(frenchDateTime(new Date('2026-03-30T07:00:00Z'))).toBe('lundi 30 mars 2026 à 9 h');
    expect(frenchTime(new Date('2026-10-23T07:00:00Z'))).toBe('9 h');
    expect(frenchTime(new Date('2026-10-26T08:00:00Z'))).toBe('9 h');
  });

  it('gives the Paris day, not the UTC one, near midnight', () => {
    expect(frenchDate(new Date('2026-12-31T23:30:00Z'))).toBe('vendredi 1er janvier 2027');
  });

  it('writes the first of the month as an ordinal and can leave out the weekday or the year', () => {
    expect(frenchDay('2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(frenchDay('2026-12-01', { weekday: false })).toBe('1er décembre 2026');
    expect(frenchDay('2026-12-15', { year: false })).toBe('mardi 15 décembre');
    expect(() => frenchDay('15/12/2026')).toThrow(RangeError);
  });

  it('writes durations', () => {
    expect(frenchDuration(45)).toBe('45 minutes');
    expect(frenchDuration(60)).toBe('1 heure');
    expect(frenchDuration(90)).toBe('1 heure 30');
    expect(frenchDuration(120)).toBe('2 heures');
  });
});

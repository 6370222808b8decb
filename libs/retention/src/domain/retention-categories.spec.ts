import { checkPeriods, cutoffOf, RetentionError } from './retention-categories';

describe('retention periods', () => {
  const defaults = { 'intake-raw': 13, 'beneficiary-inactive': 36, 'audit-sensitive': 36 };

  it('accepts the defaults', () => {
    expect(() => checkPeriods(defaults)).not.toThrow();
  });

  it('refuses raw CAF data kept longer than identities', () => {
    expect(() => checkPeriods({ ...defaults, 'intake-raw': 48 })).toThrow(/longer than identities/);
  });

  it('refuses periods outside their bounds', () => {
    expect(() => checkPeriods({ ...defaults, 'beneficiary-inactive': 6 })).toThrow(RetentionError);
    expect(() => checkPeriods({ ...defaults, 'audit-sensitive': 2.5 })).toThrow(RetentionError);
  });

  it('counts the cutoff in calendar months', () => {
    expect(cutoffOf(new Date('2026-12-01T03:15:00Z'), 13).toISOString()).toBe('2025-11-01T03:15:00.000Z');
    expect(cutoffOf(new Date('2026-12-01T03:15:00Z'), 36).toISOString()).toBe('2023-12-01T03:15:00.000Z');
  });
});

import { habilitationStatus } from './habilitation-status';

describe('habilitationStatus', () => {
  const h = { validFrom: '2026-01-01', validTo: '2026-12-31', revokedAt: null };

  it('is active from the first to the last day, both included', () => {
    expect(habilitationStatus(h, '2026-01-01')).toBe('active');
    expect(habilitationStatus(h, '2026-12-31')).toBe('active');
    expect(habilitationStatus({ ...h, validTo: null }, '2031-05-05')).toBe('active');
  });

  it('is not yet valid before its start and expired after its end', () => {
    expect(habilitationStatus(h, '2025-12-31')).toBe('not-yet-valid');
    expect(habilitationStatus(h, '2027-01-01')).toBe('expired');
  });

  it('is revoked as soon as it is revoked, whatever its dates', () => {
    expect(habilitationStatus({ ...h, revokedAt: new Date('2026-06-01T10:00:00Z') }, '2026-06-01')).toBe('revoked');
  });
});

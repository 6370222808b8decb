/** What a habilitation allows today: dates are inclusive, in the Paris calendar. */
export type HabilitationStatus = 'active' | 'not-yet-valid' | 'expired' | 'revoked';

export interface HabilitationDates {
  validFrom: string;
  validTo: string | null;
  revokedAt: Date | string | null;
}

/** `today` is YYYY-MM-DD in Europe/Paris. Revocation wins, at once, whatever the dates say. */
export function habilitationStatus(h: HabilitationDates, today: string): HabilitationStatus {
  if (h.revokedAt !== null) return 'revoked';
  if (h.validFrom > today) return 'not-yet-valid';
  if (h.validTo !== null && h.validTo < today) return 'expired';
  return 'active';
}

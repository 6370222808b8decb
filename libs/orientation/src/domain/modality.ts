/**
 * Who makes the diagnostic (DOMAIN.md §3; L2492-2493, L2504, L3151): a co-diagnostic by a France
 * Travail counsellor and a Département social worker for every new entrant (the "pack de
 * démarrage") and for the stock and long-duration beneficiaries (the "pack de remobilisation"); the
 * person's own referent for the stock already in intensive support.
 */
export type DiagnosticModality = 'co-diagnostic' | 'referent';

export interface ModalityAdvice {
  modality: DiagnosticModality;
  pack: 'demarrage' | 'remobilisation' | null;
  reason: string;
}

/** Two years in the RSA: "longue durée" (54% of the Nord's beneficiaries, L1436). */
export const LONG_DURATION_MONTHS = 24;

export function modalityFor(path: { origin: 'flux' | 'stock'; monthsInRsa: number; inIntensiveSupport: boolean }): ModalityAdvice {
  if (path.origin === 'stock' && path.inIntensiveSupport) {
    return { modality: 'referent', pack: null, reason: 'stock already in intensive support: the diagnostic is made by the referent (L2493)' };
  }
  if (path.origin === 'flux') return { modality: 'co-diagnostic', pack: 'demarrage', reason: 'new entrant: co-diagnostic FT/CD, starter pack (L2492, L3151)' };
  const long = path.monthsInRsa >= LONG_DURATION_MONTHS;
  return {
    modality: 'co-diagnostic',
    pack: 'remobilisation',
    reason: long ? `in the RSA for ${path.monthsInRsa} months (long duration): co-diagnostic FT/CD, remobilisation pack (L3151)` : 'stock not in intensive support: co-diagnostic FT/CD, remobilisation pack (L2504, L3151)',
  };
}

/** Whole months from one day to another (both YYYY-MM-DD). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

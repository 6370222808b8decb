import { LONG_DURATION_MONTHS, modalityFor } from './modality';

describe('modalityFor (L2492-2493, L2504, L3151)', () => {
  it('convenes every new entrant to a co-diagnostic with the starter pack', () => {
    expect(modalityFor({ origin: 'flux', monthsInRsa: 0, inIntensiveSupport: false })).toMatchObject({ modality: 'co-diagnostic', pack: 'demarrage' });
  });

  it('gives the stock and long-duration beneficiaries a co-diagnostic with the remobilisation pack', () => {
    const long = modalityFor({ origin: 'stock', monthsInRsa: LONG_DURATION_MONTHS, inIntensiveSupport: false });
    expect(long).toMatchObject({ modality: 'co-diagnostic', pack: 'remobilisation' });
    expect(long.reason).toContain('long duration');
    expect(modalityFor({ origin: 'stock', monthsInRsa: 5, inIntensiveSupport: false }).reason).not.toContain('long duration');
  });

  it('leaves the diagnostic of the stock already in intensive support to its referent', () => {
    expect(modalityFor({ origin: 'stock', monthsInRsa: 40, inIntensiveSupport: true })).toMatchObject({ modality: 'referent', pack: null });
  });
});

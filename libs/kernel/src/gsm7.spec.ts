import { isGsm7, smsCapacity, smsEncodingOf, smsSegmentCount, smsUnits } from './gsm7';

describe('GSM-7 alphabet', () => {
  it('holds the French letters of the basic table and not the others', () => {
    expect(isGsm7('à é è ù É Ç')).toBe(true);
    for (const missing of ['ç', 'ê', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'œ', '’', '«', '–', '\u00a0']) {
      expect(isGsm7(missing)).toBe(false);
    }
  });

  it('counts extension characters as two septets', () => {
    expect(smsUnits('€')).toBe(2);
    expect(smsUnits('[a]')).toBe(5);
    expect(smsEncodingOf('10 €')).toBe('gsm7');
  });

  it('falls back to UCS-2 for any other character, counted in UTF-16 units', () => {
    expect(smsEncodingOf('Français')).toBe('ucs2');
    expect(smsUnits('Français')).toBe(8);
    expect(smsSegmentCount('ç'.repeat(70))).toBe(1);
    expect(smsSegmentCount('ç'.repeat(71))).toBe(2);
  });

  it('fits 160 septets in one segment, then 153 per concatenated segment', () => {
    expect(smsSegmentCount('')).toBe(0);
    expect(smsSegmentCount('a'.repeat(160))).toBe(1);
    expect(smsSegmentCount('a'.repeat(161))).toBe(2);
    expect(smsSegmentCount('a'.repeat(306))).toBe(2);
    expect(smsSegmentCount('a'.repeat(307))).toBe(3);
    expect(smsCapacity(1)).toBe(160);
    expect(smsCapacity(2)).toBe(306);
  });

  it('never splits an escaped pair across two segments', () => {
    // 152 septets then '€' (2) would straddle the first segment's 153rd septet.
    expect(smsUnits(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toBe(306);
    expect(smsSegmentCount(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toBe(3);
  });
});

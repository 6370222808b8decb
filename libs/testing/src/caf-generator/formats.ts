/** Value formats of the CAF files (§3): amounts `0001675.00`, counters `00000001`, times `01:18:36.0000`. */

/** Amount with 7 integer digits and 2 decimals (xsd:decimal totalDigits 9, fractionDigits 2). */
export function amount(value: number): string {
  const cents = Math.round(Math.max(0, value) * 100);
  const units = Math.floor(cents / 100);
  return `${String(units).padStart(7, '0')}.${String(cents % 100).padStart(2, '0')}`;
}

export function counter(value: number, width = 8): string {
  return String(value).padStart(width, '0');
}

export function clockTime(seconds: number, fraction = '0000'): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(seconds)));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return fraction ? `${hh}:${mm}:${ss}.${fraction}` : `${hh}:${mm}:${ss}`;
}

/**
 * Upper-case without diacritics, hyphens or apostrophes: the AFNOR form the CAF uses for commune
 * names in addresses (`VILLENEUVE D ASCQ`). `Œ` has no decomposition, so it is spelled out.
 */
export function afnor(name: string): string {
  return name
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

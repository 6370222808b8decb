/**
 * Narrows text to what a medium can carry (GSM-7 for SMS, WinAnsi for the PDF's standard fonts):
 * allowed characters are kept, known ones replaced, accented letters lose their accent, the rest
 * becomes "?". Names come from the CAF and may hold any letter of any alphabet.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Letters NFD does not decompose, and typography neither medium needs as such. */
const COMMON_REPLACEMENTS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  '′': "'",
  '″': '"',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '\t': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
};

export type Transliterator = (text: string) => string;

export function transliterator(isAllowed: (character: string) => boolean, replacements: Record<string, string>): Transliterator {
  const table: Record<string, string> = { ...COMMON_REPLACEMENTS, ...replacements };
  const one = (character: string): string => {
    if (isAllowed(character)) return character;
    const replacement = table[character];
    if (replacement !== undefined) return replacement;
    const base = character.normalize('NFD').replace(COMBINING_MARKS, '');
    return base.length > 0 && [...base].every(isAllowed) ? base : '?';
  };
  return (text) => {
    let out = '';
    for (const character of text.normalize('NFC')) out += one(character);
    return out;
  };
}

import { transliterator } from './transliteration';

/**
 * The PDF's standard fonts (Helvetica) encode text in WinAnsi (Windows-1252): Latin-1 plus a few
 * typographic signs (€, œ, quotes, dashes). A character outside it would print as garbage.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return true;
  return WIN_ANSI_EXTRAS.has(character);
}

export const toWinAnsi = transliterator(isWinAnsi, { '\u202f': '\u00a0' });

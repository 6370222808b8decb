import { isGsm7Character } from '@rsa/kernel';
import { transliterator } from './transliteration';

/**
 * French text down to the GSM-7 alphabet, so an SMS stays 7-bit (160 characters a segment, not
 * 70): "ç" → "c", "ê" → "e", "œ" → "oe", typographic quotes, dashes and spaces → ASCII. The letters
 * GSM-7 has (é, è, à, ù, É, Ç…) are kept.
 */
const characters = transliterator(isGsm7Character, {
  œ: 'oe',
  Œ: 'OE',
  ç: 'c',
  '’': "'",
  '‘': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '°': 'o',
  '\u00a0': ' ',
  '\u202f': ' ',
});

/** French guillemets carry inner spaces ("« Cœur »"); ASCII quotes do not. */
export function toGsm7(text: string): string {
  return characters(text.replace(/«\s*/g, '«').replace(/\s*»/g, '»'));
}

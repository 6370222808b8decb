import * as iconv from 'iconv-lite';

/** Encodings the CAF files are seen in (§11); windows-1252 is what recent fixtures declare. */
export type CafEncoding = 'windows-1252' | 'ISO-8859-1' | 'ISO-8859-15' | 'UTF-8';
export const CAF_ENCODINGS: readonly CafEncoding[] = ['windows-1252', 'ISO-8859-1', 'ISO-8859-15', 'UTF-8'];

const ALIASES: Readonly<Record<string, CafEncoding>> = {
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'ISO-8859-1',
  latin1: 'ISO-8859-1',
  'iso-8859-15': 'ISO-8859-15',
  latin9: 'ISO-8859-15',
  'utf-8': 'UTF-8',
  utf8: 'UTF-8',
};

export function parseEncoding(label: string): CafEncoding {
  const encoding = ALIASES[label.trim().toLowerCase()];
  if (!encoding) throw new RangeError(`unknown encoding "${label}" (expected one of ${CAF_ENCODINGS.join(', ')})`);
  return encoding;
}

/** Spellings for characters a target charset lacks; Œ is the case that matters (not in ISO-8859-1). */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  Œ: 'OE',
  œ: 'oe',
  Ÿ: 'Y',
  Š: 'S',
  š: 's',
  Ž: 'Z',
  ž: 'z',
  '€': 'EUR',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
};

/**
 * Makes text writable in the target encoding. iconv-lite would silently turn an unknown character
 * into `?`; here it is spelled out (Œ → OE) or stripped of its accent, and anything else is an error.
 * Replacements are counted so the manifest can say what was changed.
 */
export class CharsetFitter {
  readonly replacements: Record<string, number> = {};
  private readonly cache = new Map<string, string>();

  constructor(readonly encoding: CafEncoding) {}

  adapt(text: string): string {
    if (this.encoding === 'UTF-8') return text;
    return text.replace(/[\u0080-\uffff]/g, (ch) => {
      let out = this.cache.get(ch);
      if (out === undefined) {
        out = this.representable(ch) ? ch : this.substitute(ch);
        this.cache.set(ch, out);
      }
      if (out !== ch) this.replacements[ch] = (this.replacements[ch] ?? 0) + 1;
      return out;
    });
  }

  private representable(text: string): boolean {
    return iconv.decode(iconv.encode(text, this.encoding), this.encoding) === text;
  }

  private substitute(ch: string): string {
    const candidates = [TRANSLITERATIONS[ch], ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')];
    for (const candidate of candidates) if (candidate && this.representable(candidate)) return candidate;
    throw new RangeError(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} cannot be written in ${this.encoding}`);
  }
}

export function encode(text: string, encoding: CafEncoding): Buffer {
  return iconv.encode(text, encoding);
}

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

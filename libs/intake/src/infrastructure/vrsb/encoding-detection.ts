import { FileFaultError } from './file-fault.error';

/**
 * Which encoding a CAF file is in, from its first bytes (CAF-FORMAT §11: the CAF writes windows-1252,
 * the CG93 ETL read ISO-8859-1/-15, never assume UTF-8 blindly).
 */
export type SupportedEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'iso-8859-15';

export type EncodingSniff =
  /** Not enough bytes yet to see the BOM or the end of the XML declaration. */
  | { kind: 'need-more' }
  /** A UTF-8 BOM or an `encoding="…"` pseudo-attribute decides; `skip` bytes (the BOM) are not text. */
  /** `bom`: a UTF-8 byte-order mark decided it, over any declaration. */
  | { kind: 'known'; encoding: SupportedEncoding; skip: number; declared: boolean; bom?: boolean }
  /** No BOM and no encoding declared: the caller tries strict UTF-8 and falls back to windows-1252. */
  | { kind: 'undeclared' };

/** Labels accepted in the XML declaration, compared lower-cased (IANA names and the usual aliases). */
const ENCODING_LABELS: ReadonlyMap<string, SupportedEncoding> = new Map([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['windows-1252', 'windows-1252'],
  ['windows1252', 'windows-1252'],
  ['win-1252', 'windows-1252'],
  ['cp1252', 'windows-1252'],
  ['cp-1252', 'windows-1252'],
  ['x-cp1252', 'windows-1252'],
  ['x-windows-1252', 'windows-1252'],
  ['windows_1252', 'windows-1252'],
  ['iso-8859-1', 'iso-8859-1'],
  ['iso8859-1', 'iso-8859-1'],
  ['iso_8859-1', 'iso-8859-1'],
  // Java's and others' spellings.
  ['iso8859_1', 'iso-8859-1'],
  ['iso88591', 'iso-8859-1'],
  ['iso_8859-1:1987', 'iso-8859-1'],
  ['iso-ir-100', 'iso-8859-1'],
  ['latin1', 'iso-8859-1'],
  ['latin-1', 'iso-8859-1'],
  ['l1', 'iso-8859-1'],
  ['cp819', 'iso-8859-1'],
  ['ibm819', 'iso-8859-1'],
  ['iso-8859-15', 'iso-8859-15'],
  ['iso8859-15', 'iso-8859-15'],
  ['iso_8859-15', 'iso-8859-15'],
  ['iso8859_15', 'iso-8859-15'],
  ['iso885915', 'iso-8859-15'],
  ['latin9', 'iso-8859-15'],
  ['latin-9', 'iso-8859-15'],
  ['l9', 'iso-8859-15'],
]);

/** The declaration must end within this many bytes; beyond, the file has no usable declaration. */
const DECLARATION_LIMIT = 1024;
const XML_DECL_START = Buffer.from('<?xml', 'latin1');
const ENCODING_ATTRIBUTE = /\sencoding\s*=\s*(["'])([^"']*)\1/;

export function encodingFromLabel(label: string): SupportedEncoding | undefined {
  return ENCODING_LABELS.get(label.trim().toLowerCase());
}

function startsWith(head: Buffer, prefix: Buffer): boolean {
  const n = Math.min(head.length, prefix.length);
  return head.subarray(0, n).equals(prefix.subarray(0, n));
}

/**
 * Looks at the first bytes of the file. `atEnd` says no more bytes will come (a file shorter than a
 * declaration). Throws UNSUPPORTED_ENCODING for UTF-16/32 or a declared encoding we cannot decode.
 */
export function sniffEncoding(head: Buffer, atEnd: boolean): EncodingSniff {
  if (head.length < 4 && !atEnd) return { kind: 'need-more' };
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xef && b1 === 0xbb && head[2] === 0xbf) {
    // A UTF-8 BOM is tolerated and wins over a contradicting declaration, as browsers do: the bytes
    // were evidently re-encoded by a tool that kept the old declaration.
    return { kind: 'known', encoding: 'utf-8', skip: 3, declared: false, bom: true };
  }
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || b0 === 0x00 || (b1 === 0x00 && b0 === 0x3c)) {
    throw new FileFaultError('UNSUPPORTED_ENCODING', 'the file is UTF-16 or UTF-32; only UTF-8 and single-byte Latin encodings are read');
  }
  if (!startsWith(head, XML_DECL_START)) return { kind: 'undeclared' };
  if (head.length < XML_DECL_START.length) return atEnd ? { kind: 'undeclared' } : { kind: 'need-more' };

  const window = head.subarray(0, DECLARATION_LIMIT);
  const close = window.indexOf('?>', 0, 'latin1');
  if (close < 0) {
    if (head.length < DECLARATION_LIMIT && !atEnd) return { kind: 'need-more' };
    return { kind: 'undeclared' }; // no end of declaration: saxes reports the malformed prolog
  }
  const declaration = window.toString('latin1', 0, close);
  const match = ENCODING_ATTRIBUTE.exec(declaration);
  if (match === null) return { kind: 'undeclared' };
  const label = match[2];
  const encoding = encodingFromLabel(label);
  if (encoding === undefined) {
    throw new FileFaultError(
      'UNSUPPORTED_ENCODING',
      `the XML declaration announces encoding "${label}"; supported: UTF-8, windows-1252, ISO-8859-1, ISO-8859-15`,
    );
  }
  return { kind: 'known', encoding, skip: 0, declared: true };
}

import * as iconv from 'iconv-lite';
import { FileFaultError } from './file-fault.error';
import { sniffEncoding, type SupportedEncoding } from './encoding-detection';
import { firstInvalidUtf8Offset, incompleteUtf8TailLength } from './utf8-validation';

/**
 * Decoded text of a chunk. When the bytes stop being decodable, `text` holds what was decodable before
 * the bad byte and `fault` says why, so the caller can parse up to the fault whatever the chunk sizes.
 */
export interface DecodedChunk {
  text: string;
  fault: FileFaultError | null;
}

/**
 * Undeclared files: the UTF-8 / windows-1252 choice is made once, on this many bytes from the first
 * one that is not ASCII (§11). What comes before is ASCII, the same text in both.
 */
const UNDECLARED_SAMPLE_BYTES = 64 * 1024;

/** Index of the first byte above 0x7F, or -1. */
function firstNonAscii(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return i;
  return -1;
}

interface TextDecoding {
  decode(bytes: Buffer): DecodedChunk;
  end(): DecodedChunk;
}

const OK = (text: string): DecodedChunk => ({ text, fault: null });

/** Strict UTF-8: an invalid sequence is a fault reported with its byte offset in the file. */
class StrictUtf8Decoding implements TextDecoding {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** File offset of the first byte the decoder has not turned into text yet. */
  private pendingOffset: number;
  private tail: Buffer = Buffer.alloc(0);

  /** `advice`: what the fault message tells the operator to do (a BOM, a declaration, a guess). */
  constructor(
    startOffset: number,
    private readonly advice = 'the file is not UTF-8, declare its real encoding',
  ) {
    this.pendingOffset = startOffset;
  }

  decode(bytes: Buffer): DecodedChunk {
    try {
      const text = this.decoder.decode(bytes, { stream: true });
      this.advance(bytes);
      return OK(text);
    } catch {
      return this.locateFault(bytes);
    }
  }

  end(): DecodedChunk {
    try {
      return OK(this.decoder.decode());
    } catch {
      return {
        text: '',
        fault: new FileFaultError('UNDECODABLE', `the file ends inside a UTF-8 sequence at byte offset ${this.pendingOffset}`),
      };
    }
  }

  private advance(bytes: Buffer): void {
    const seen = this.tail.length > 0 ? Buffer.concat([this.tail, bytes.subarray(-3)]) : bytes;
    const tailLength = incompleteUtf8TailLength(seen);
    this.pendingOffset += this.tail.length + bytes.length - tailLength;
    this.tail = Buffer.from(seen.subarray(seen.length - tailLength));
  }

  private locateFault(bytes: Buffer): DecodedChunk {
    const all = Buffer.concat([this.tail, bytes]);
    const bad = firstInvalidUtf8Offset(all);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(all.subarray(0, bad));
    const shown = bad < all.length ? ` (byte 0x${all[bad].toString(16).toUpperCase().padStart(2, '0')})` : '';
    return {
      text,
      fault: new FileFaultError(
        'UNDECODABLE',
        `invalid UTF-8 at byte offset ${this.pendingOffset + bad}${shown}; ${this.advice}`,
      ),
    };
  }
}

/** A UTF-8 byte-order mark wins over the declaration (encoding-detection.ts): the bytes behind it must be UTF-8. */
const BOM_ADVICE =
  'the file starts with a UTF-8 byte-order mark, which makes it UTF-8 whatever its declaration says: remove the mark, or re-encode the file in UTF-8';

/** What the single-byte text must not contain once decoded (see `SingleByteDecoding`). */
const SUSPECT_TEXT =
  /[\u0080-\u009F\uFFFD]|[ÂÃÅ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|â€/;
const MOJIBAKE_LEADS = 'ÂÃÅâ';

/**
 * windows-1252 is ISO-8859-1 except for 0x80–0x9F. Decoding as latin1 (native, about twenty times
 * faster than iconv-lite's table walk) and then mapping the few characters of that range through
 * iconv-lite's own windows-1252 table gives iconv-lite's text exactly, U+FFFD for undefined bytes
 * included.
 */
const C1_RANGE = /[\u0080-\u009F]/g;
const WINDOWS_1252_C1 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252');
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(C1_RANGE, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/**
 * windows-1252 (decodeWindows1252) and ISO-8859-15 (iconv-lite). ISO-8859-1 is decoded as windows-1252 (its superset for
 * every printable character, as the WHATWG encoding standard does): real files labelled ISO-8859-1 carry
 * `’`, `Œ` or `€` in the 0x80–0x9F range. Three things make the bytes undecodable:
 * - a byte windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D → U+FFFD from iconv-lite);
 * - a C1 control character in ISO-8859-15 (0x80–0x9F): never text, the file is windows-1252;
 * - UTF-8 sequences read as single bytes (`Ã©`, `Ã‰`, `â€™`, `Å’`…): the file is UTF-8 mislabelled,
 *   and decoding it would store garbled names (CAF-FORMAT §14.4 "wrong declared encoding").
 * One regular expression per chunk (not per text node); one byte is one character, so the match index
 * is the byte offset.
 */
class SingleByteDecoding implements TextDecoding {
  /** ISO-8859-15 through iconv-lite; windows-1252 (and ISO-8859-1) through decodeWindows1252. */
  private readonly decoder: ReturnType<typeof iconv.getDecoder> | null;
  private offset: number;
  private previousChar = '';

  constructor(
    private readonly encoding: Exclude<SupportedEncoding, 'utf-8'>,
    private readonly declared: boolean,
    startOffset: number,
  ) {
    this.decoder = encoding === 'iso-8859-15' ? iconv.getDecoder('iso-8859-15') : null;
    this.offset = startOffset;
  }

  decode(bytes: Buffer): DecodedChunk {
    const text = this.decoder ? this.decoder.write(bytes) : decodeWindows1252(bytes);
    if (this.previousChar !== '' && MOJIBAKE_LEADS.includes(this.previousChar)) {
      const boundary = SUSPECT_TEXT.exec(this.previousChar + text.slice(0, 2));
      if (boundary !== null && boundary.index === 0) return this.fault(text, -1, boundary[0]);
    }
    const match = SUSPECT_TEXT.exec(text);
    if (match !== null) return this.fault(text, match.index, match[0]);
    this.offset += bytes.length;
    this.previousChar = text.length > 0 ? text[text.length - 1] : this.previousChar;
    return OK(text);
  }

  end(): DecodedChunk {
    return OK(this.decoder?.end() ?? '');
  }

  private fault(text: string, index: number, found: string): DecodedChunk {
    const at = this.offset + index;
    const label = this.declared ? `${this.encoding} is declared` : 'windows-1252 was assumed (no declared encoding)';
    let message: string;
    if (found.length > 1) {
      message = `the bytes at offset ${at} look like UTF-8 ("${found}") while ${label}; the file must be re-sent with its real encoding`;
    } else if (found === '\uFFFD') {
      message = `byte at offset ${at} is not a windows-1252 character`;
    } else {
      const code = found.charCodeAt(0).toString(16).toUpperCase();
      message = `byte 0x${code} at offset ${at} is a control character in ${this.encoding}; the file looks like windows-1252`;
    }
    return { text: text.slice(0, Math.max(0, index)), fault: new FileFaultError('UNDECODABLE', message) };
  }
}

/**
 * Turns the bytes of a CAF file into text, chunk by chunk, with the encoding found in the first bytes
 * (UTF-8 BOM, then the XML declaration; CAF-FORMAT §11). Without a declaration: strict UTF-8 if the
 * 64 KiB from the first non-ASCII byte are valid UTF-8, else windows-1252, decided once (a file of
 * English-only names for its first megabytes is decided on its first accent, wherever it is).
 */
export class XmlByteDecoder {
  /** Known once the first bytes are read; the encoding actually used to decode. */
  encoding: SupportedEncoding | null = null;
  bytesRead = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private decoding: TextDecoding | null = null;
  private waitingForSample = false;
  /** Undeclared files: file offset of the first byte of `head` (the ASCII before it is already text). */
  private headOffset = 0;

  /** Throws FileFaultError(UNSUPPORTED_ENCODING); other decoding faults come back in the result. */
  write(chunk: Buffer): DecodedChunk {
    this.bytesRead += chunk.length;
    if (this.decoding !== null) return this.decoding.decode(chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    return this.resolve(false);
  }

  end(): DecodedChunk {
    if (this.decoding === null) {
      if (this.headLength === 0) return OK('');
      const first = this.resolve(true);
      if (first.fault !== null || this.decoding === null) return first;
      const last = (this.decoding as TextDecoding).end();
      return { text: first.text + last.text, fault: last.fault };
    }
    return this.decoding.end();
  }

  private resolve(atEnd: boolean): DecodedChunk {
    if (this.waitingForSample && this.headLength < UNDECLARED_SAMPLE_BYTES && !atEnd) return OK('');
    const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head);
    this.head = [head];
    if (!this.waitingForSample) {
      const sniff = sniffEncoding(head, atEnd);
      if (sniff.kind === 'need-more') return OK('');
      if (sniff.kind === 'known') {
        this.start(sniff.encoding, sniff.declared, sniff.skip, sniff.bom === true);
        return this.flushHead(head.subarray(sniff.skip));
      }
      this.waitingForSample = true;
    }
    // ASCII reads the same either way: hand it on now, and decide on the bytes from the first that is not.
    const nonAscii = firstNonAscii(head);
    const ascii = head.toString('latin1', 0, nonAscii < 0 ? head.length : nonAscii);
    if (nonAscii < 0 && !atEnd) {
      this.keepHead(head.subarray(head.length), head.length);
      return OK(ascii);
    }
    const sample = nonAscii < 0 ? head.subarray(head.length) : head.subarray(nonAscii);
    if (sample.length < UNDECLARED_SAMPLE_BYTES && !atEnd) {
      this.keepHead(sample, ascii.length);
      return OK(ascii);
    }
    const offset = this.headOffset + ascii.length;
    const utf8 = new StrictUtf8Decoding(offset);
    const attempt = utf8.decode(sample);
    if (attempt.fault === null) {
      this.encoding = 'utf-8';
      this.decoding = utf8;
      this.head = [];
      return { text: ascii + attempt.text, fault: null };
    }
    this.start('windows-1252', false, offset);
    const decoded = this.flushHead(sample);
    return { text: ascii + decoded.text, fault: decoded.fault };
  }

  /** Undeclared files: `consumed` bytes of the head became text; `rest` still waits for the decision. */
  private keepHead(rest: Buffer, consumed: number): void {
    this.head = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.headLength = rest.length;
    this.headOffset += consumed;
  }

  private start(encoding: SupportedEncoding, declared: boolean, skip: number, bom = false): void {
    this.encoding = encoding;
    this.decoding =
      encoding === 'utf-8'
        ? new StrictUtf8Decoding(skip, bom ? BOM_ADVICE : undefined)
        : new SingleByteDecoding(encoding, declared, skip);
  }

  private flushHead(bytes: Buffer): DecodedChunk {
    this.head = [];
    return (this.decoding as TextDecoding).decode(bytes);
  }
}

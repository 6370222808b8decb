const OPEN = Buffer.from('<NUMDEMRSA', 'latin1');
const CLOSE = Buffer.from('</NUMDEMRSA', 'latin1');
/** Longer than any NUMDEMRSA with its padding: past this, the value is not one the census can read. */
const MAX_VALUE_BYTES = 256;

function isXmlSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * The NUMDEMRSA values that occur more than once in a file, with their number of occurrences. The
 * CAF may send a dossier twice in one file and the last occurrence wins (CAF-FORMAT §11); the importer
 * writes a file batch after batch, so it must know before reading which households a later one will
 * supersede.
 *
 * One pass over the bytes, without decoding or parsing: the tag and the identifier are ASCII in every
 * encoding the intake reads (windows-1252, ISO-8859-1/15, UTF-8). A value written otherwise than as
 * plain text (CDATA, character references, a comment inside) is not counted: such a dossier sent twice
 * is still reduced to its last occurrence within a batch, not across batches.
 */
export async function repeatedNumdemrsas(input: AsyncIterable<Buffer>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let carry: Buffer | null = null;
  for await (const chunk of input) {
    const buffer: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    carry = null;
    let position = 0;
    for (;;) {
      const open = buffer.indexOf(OPEN, position);
      if (open < 0) {
        // The tag may straddle two chunks: keep a tail that could begin it (most chunks have none).
        const keep = buffer.lastIndexOf(0x3c /* < */, buffer.length - 1);
        carry = keep >= Math.max(position, buffer.length - OPEN.length + 1) ? buffer.subarray(keep) : null;
        break;
      }
      let at = open + OPEN.length;
      while (at < buffer.length && isXmlSpace(buffer[at])) at++;
      if (at >= buffer.length) {
        carry = buffer.subarray(open);
        break;
      }
      if (buffer[at] !== 0x3e /* > */) {
        // `<NUMDEMRSAPRECE>`, or a self-closed empty `<NUMDEMRSA/>`.
        position = at;
        continue;
      }
      const start = at + 1;
      const close = buffer.indexOf(CLOSE, start);
      if (close < 0 || close - start > MAX_VALUE_BYTES) {
        if (close < 0 && buffer.length - start <= MAX_VALUE_BYTES) {
          carry = buffer.subarray(open);
          break;
        }
        position = start;
        continue;
      }
      const value = buffer.toString('latin1', start, close).trim();
      if (value !== '' && !value.includes('<') && !value.includes('&')) counts.set(value, (counts.get(value) ?? 0) + 1);
      position = close + CLOSE.length;
    }
  }
  const repeated = new Map<string, number>();
  for (const [value, count] of counts) if (count > 1) repeated.set(value, count);
  return repeated;
}

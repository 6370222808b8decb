/**
 * UTF-8 structure checks used to report *where* a UTF-8 file stops being valid (TextDecoder only says
 * that it is not) and how many trailing bytes of a chunk belong to a sequence continued in the next one.
 * These loops run only on the error path or over the last 3 bytes of a chunk.
 */

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function secondByteOk(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf; // no overlong 3-byte forms
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f; // no UTF-16 surrogates
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf; // no overlong 4-byte forms
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f; // nothing above U+10FFFF
  return b >= 0x80 && b <= 0xbf;
}

/** Index of the first byte that does not start a complete, valid UTF-8 sequence; `bytes.length` if none. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = sequenceLength(lead);
    if (length === 0) return i;
    if (length > 1) {
      if (i + length > bytes.length || !secondByteOk(lead, bytes[i + 1])) return i;
      for (let k = 2; k < length; k++) {
        const b = bytes[i + k];
        if (b < 0x80 || b > 0xbf) return i;
      }
    }
    i += length;
  }
  return bytes.length;
}

/**
 * How many bytes at the end of `bytes` start a multi-byte sequence that is not complete yet (0 to 3):
 * TextDecoder keeps them for the next chunk in streaming mode.
 */
export function incompleteUtf8TailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return 0;
    if (b >= 0xc0) return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}

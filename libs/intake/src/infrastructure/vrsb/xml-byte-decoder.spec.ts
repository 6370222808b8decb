import * as iconv from 'iconv-lite';
import { XmlByteDecoder, type DecodedChunk } from './xml-byte-decoder';

function decodeAll(bytes: Buffer, chunkSize = bytes.length): { text: string; fault: string | null; encoding: string | null } {
  const decoder = new XmlByteDecoder();
  let text = '';
  const parts: DecodedChunk[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) {
    const part = decoder.write(bytes.subarray(i, i + chunkSize));
    parts.push(part);
    text += part.text;
    if (part.fault !== null) return { text, fault: part.fault.message, encoding: decoder.encoding };
  }
  const last = decoder.end();
  text += last.text;
  return { text, fault: last.fault?.message ?? null, encoding: decoder.encoding };
}

const declared = (label: string, body: string) => `<?xml version="1.0" encoding="${label}"?><R>${body}</R>`;

describe('XmlByteDecoder (CAF-FORMAT §11)', () => {
  it('decodes windows-1252 names with É, Ç and Œ', () => {
    const text = declared('windows-1252', 'ÉLODIE FRANÇOIS CŒUR');
    const bytes = iconv.encode(text, 'windows-1252');
    expect(bytes.includes(0x8c)).toBe(true); // Œ is 0x8C in windows-1252
    expect(decodeAll(bytes)).toEqual({ text, fault: null, encoding: 'windows-1252' });
  });

  it('decodes every defined windows-1252 byte as iconv-lite does, whatever the chunk size', () => {
    const undefinedBytes = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    const body = Buffer.from(Array.from({ length: 0x100 - 0x20 }, (_, i) => 0x20 + i).filter((b) => !undefinedBytes.includes(b) && b !== 0x3c && b !== 0x26));
    const bytes = Buffer.concat([Buffer.from(declared('windows-1252', ''), 'latin1').subarray(0, -4), body, Buffer.from('</R>', 'latin1')]);
    for (const chunkSize of [bytes.length, 7, 1]) {
      const result = decodeAll(bytes, chunkSize);
      expect(result.fault).toBeNull();
      expect(result.text).toBe(iconv.decode(bytes, 'windows-1252'));
    }
  });

  it('decodes ISO-8859-15 with Œ at 0xBC', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-15"?><R>C'), Buffer.from([0xbc]), Buffer.from('UR</R>')]);
    expect(decodeAll(bytes).text).toBe('<?xml version="1.0" encoding="ISO-8859-15"?><R>CŒUR</R>');
  });

  it('decodes ISO-8859-1 with ¼ at 0xBC', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><R>'), Buffer.from([0xbc, 0xc9]), Buffer.from('</R>')]);
    expect(decodeAll(bytes)).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><R>¼É</R>', fault: null, encoding: 'iso-8859-1' });
  });

  it('reads ISO-8859-1 files carrying windows-1252 punctuation as windows-1252 (WHATWG)', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="latin1"?><R>L'), Buffer.from([0x92]), Buffer.from('EGLISE</R>')]);
    expect(decodeAll(bytes).text).toContain('L’EGLISE');
  });

  it('decodes UTF-8 split at every byte', () => {
    const text = declared('UTF-8', 'ÉLODIE CŒUR € 𝄞');
    expect(decodeAll(Buffer.from(text, 'utf8'), 1)).toEqual({ text, fault: null, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<R>É</R>', 'utf8')]);
    expect(decodeAll(bytes)).toEqual({ text: '<R>É</R>', fault: null, encoding: 'utf-8' });
  });

  it.each([0x81, 0x8d, 0x8f, 0x90, 0x9d])('refuses the byte %i, undefined in windows-1252', (byte) => {
    const bytes = Buffer.concat([Buffer.from(declared('windows-1252', 'AB').slice(0, -4)), Buffer.from([byte]), Buffer.from('</R>')]);
    const result = decodeAll(bytes);
    expect(result.fault).toMatch(/^UNDECODABLE: byte at offset 50 is not a windows-1252 character/);
    expect(result.text).toBe('<?xml version="1.0" encoding="windows-1252"?><R>AB');
  });

  it('refuses C1 control bytes in an ISO-8859-15 file', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-15"?><R>L'), Buffer.from([0x92]), Buffer.from('</R>')]);
    expect(decodeAll(bytes).fault).toMatch(/UNDECODABLE: byte 0x92 at offset 48 is a control character in iso-8859-15/);
  });

  it.each([
    ['É', 'Ã‰'],
    ['é', 'Ã©'],
    ['è', 'Ã¨'],
    ['ç', 'Ã§'],
    ['Œ', 'Å’'],
    ['’', 'â€™'],
  ])('refuses UTF-8 bytes (%s) in a file declared windows-1252', (char, mojibake) => {
    const bytes = Buffer.from(declared('windows-1252', `LEF${char}VRE`), 'utf8');
    const result = decodeAll(bytes);
    expect(result.fault).toContain('look like UTF-8');
    expect(result.fault).toContain(`"${mojibake.slice(0, 2)}"`);
    expect(result.fault).toContain('windows-1252 is declared');
    expect(result.text).toBe('<?xml version="1.0" encoding="windows-1252"?><R>LEF');
  });

  it('finds UTF-8 bytes split across two chunks of a windows-1252 file', () => {
    const bytes = Buffer.from(declared('windows-1252', 'LEFéVRE'), 'utf8');
    const at = bytes.indexOf(0xc3);
    expect(decodeAll(bytes, at + 1).fault).toContain('look like UTF-8');
  });

  it('refuses windows-1252 bytes in a file declared UTF-8, with the byte offset', () => {
    const bytes = iconv.encode(declared('UTF-8', 'ÉLODIE'), 'windows-1252');
    for (const size of [1, 7, bytes.length]) {
      const result = decodeAll(bytes, size);
      expect(result.fault).toBe('UNDECODABLE: invalid UTF-8 at byte offset 41 (byte 0xC9); the file is not UTF-8, declare its real encoding');
      expect(result.text).toBe('<?xml version="1.0" encoding="UTF-8"?><R>');
    }
  });

  it('reports a UTF-8 file cut inside a character', () => {
    const bytes = Buffer.from('<R>É', 'utf8').subarray(0, 4);
    expect(decodeAll(bytes).fault).toMatch(/UNDECODABLE: the file ends inside a UTF-8 sequence/);
  });

  describe('without a declared encoding', () => {
    it('reads valid UTF-8 as UTF-8', () => {
      expect(decodeAll(Buffer.from('<R>ÉLODIE</R>', 'utf8'), 3)).toEqual({ text: '<R>ÉLODIE</R>', fault: null, encoding: 'utf-8' });
    });

    it('falls back to windows-1252 when the first bytes are not UTF-8, whatever the chunk size', () => {
      const bytes = iconv.encode('<R>CŒUR ÉLODIE</R>', 'windows-1252');
      for (const size of [1, 5, bytes.length]) {
        expect(decodeAll(bytes, size)).toEqual({ text: '<R>CŒUR ÉLODIE</R>', fault: null, encoding: 'windows-1252' });
      }
    });

    it('decides on the first byte that is not ASCII, wherever it is: windows-1252 after 70 KiB of ASCII', () => {
      // É then a blank: not UTF-8.
      const bytes = Buffer.concat([Buffer.from(`<R>${'A'.repeat(70 * 1024)}`), Buffer.from([0xc9, 0x20, 0x8c]), Buffer.from('</R>')]);
      for (const size of [1, 4096, bytes.length]) {
        const result = decodeAll(bytes, size);
        expect(result.encoding).toBe('windows-1252');
        expect(result.fault).toBeNull();
        expect(result.text === `<R>${'A'.repeat(70 * 1024)}É Œ</R>`).toBe(true);
      }
    });

    it('decides once: windows-1252 bytes after 64 KiB of valid UTF-8 from the first accent are undecodable', () => {
      const utf8 = Buffer.from(`<R>AB${'é'.repeat(40 * 1024)}`);
      const bytes = Buffer.concat([utf8, Buffer.from([0xc9]), Buffer.from('</R>')]);
      const result = decodeAll(bytes, 4096);
      expect(result.encoding).toBe('utf-8');
      expect(result.fault).toMatch(new RegExp(`^UNDECODABLE: invalid UTF-8 at byte offset ${utf8.length}`));
    });
  });
});

import { FileFaultError } from './file-fault.error';
import { encodingFromLabel, sniffEncoding } from './encoding-detection';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('sniffEncoding (CAF-FORMAT §11)', () => {
  it.each([
    ['windows-1252', 'windows-1252'],
    ['WINDOWS-1252', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['ISO-8859-1', 'iso-8859-1'],
    ['latin1', 'iso-8859-1'],
    ['ISO_8859-1', 'iso-8859-1'],
    ['ISO8859_1', 'iso-8859-1'],
    ['iso-8859-15', 'iso-8859-15'],
    ['ISO8859_15', 'iso-8859-15'],
    ['x-windows-1252', 'windows-1252'],
    ['Latin-9', 'iso-8859-15'],
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
  ])('reads encoding="%s" as %s', (label, encoding) => {
    const sniff = sniffEncoding(bytes(`<?xml version="1.0" encoding="${label}"?>\n<Racine/>`), false);
    expect(sniff).toEqual({ kind: 'known', encoding, skip: 0, declared: true });
  });

  it('accepts single quotes and spaces around =', () => {
    expect(sniffEncoding(bytes(`<?xml version='1.0' encoding = 'ISO-8859-15' ?><Racine/>`), true)).toEqual({
      kind: 'known',
      encoding: 'iso-8859-15',
      skip: 0,
      declared: true,
    });
  });

  it('lets a UTF-8 BOM decide and skips it', () => {
    const head = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('<?xml version="1.0" encoding="windows-1252"?>')]);
    expect(sniffEncoding(head, false)).toEqual({ kind: 'known', encoding: 'utf-8', skip: 3, declared: false, bom: true });
  });

  it('waits for the end of the declaration', () => {
    expect(sniffEncoding(bytes('<?x'), false)).toEqual({ kind: 'need-more' });
    expect(sniffEncoding(bytes('<?xml version="1.0" encod'), false)).toEqual({ kind: 'need-more' });
  });

  it('reports a file without declared encoding as undeclared', () => {
    expect(sniffEncoding(bytes('<Racine>'), false)).toEqual({ kind: 'undeclared' });
    expect(sniffEncoding(bytes('<?xml version="1.0"?><Racine>'), false)).toEqual({ kind: 'undeclared' });
    expect(sniffEncoding(bytes('<R/>'), true)).toEqual({ kind: 'undeclared' });
  });

  it('refuses an encoding it cannot decode', () => {
    const sniff = () => sniffEncoding(bytes('<?xml version="1.0" encoding="EBCDIC-FR"?><Racine/>'), false);
    expect(sniff).toThrow(FileFaultError);
    expect(sniff).toThrow(/UNSUPPORTED_ENCODING: .*"EBCDIC-FR"/);
  });

  it('refuses UTF-16 whatever the declaration', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0"?>', 'utf16le')]);
    try {
      sniffEncoding(utf16, false);
      throw new Error('expected a fault');
    } catch (error) {
      expect((error as FileFaultError).code).toBe('UNSUPPORTED_ENCODING');
    }
    expect(() => sniffEncoding(Buffer.from('<Racine>', 'utf16le'), false)).toThrow(/UNSUPPORTED_ENCODING/);
  });

  it('maps labels case-insensitively', () => {
    expect(encodingFromLabel(' Windows-1252 ')).toBe('windows-1252');
    expect(encodingFromLabel('koi8-r')).toBeUndefined();
  });
});

import { repeatedNumdemrsas } from './numdemrsa-census';

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'latin1');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const household = (numdemrsa: string, prece = '') =>
  `<InfosFoyerRSA><IdentificationRSA><DemandeRSA><DTDEMRSA>2023-11-14</DTDEMRSA>${numdemrsa}</DemandeRSA></IdentificationRSA>` +
  `<Personne><DossierCAF>${prece}</DossierCAF><Identification><NOM>HÉLÈNE</NOM></Identification></Personne></InfosFoyerRSA>\n`;

describe('repeatedNumdemrsas', () => {
  const file =
    '<?xml version="1.0" encoding="windows-1252"?>\n<Racine>\n' +
    household('<NUMDEMRSA>00000001059</NUMDEMRSA>') +
    household('<NUMDEMRSA> 00000002059 </NUMDEMRSA>', '<NUMDEMRSAPRECE>00000001059</NUMDEMRSAPRECE>') +
    household('<NUMDEMRSA>00000001059</NUMDEMRSA>') +
    household('<NUMDEMRSA\n>00000002059</NUMDEMRSA >') +
    household('<NUMDEMRSA>00000003059</NUMDEMRSA>') +
    household('<NUMDEMRSA><![CDATA[00000003059]]></NUMDEMRSA>') +
    household('<NUMDEMRSA/>') +
    household('<NUMDEMRSA />') +
    household('<NUMDEMRSA>00000001059</NUMDEMRSA>') +
    '</Racine>\n';

  it.each([1, 2, 7, 10, 64, 1 << 20])('counts the values sent more than once, whatever the chunks (%d bytes)', async (size) => {
    const repeated = await repeatedNumdemrsas(chunksOf(file, size));
    // NUMDEMRSAPRECE is another element; padding is trimmed; a value in CDATA is not counted.
    expect([...repeated]).toEqual([
      ['00000001059', 3],
      ['00000002059', 2],
    ]);
  });

  it('gives nothing for a file without repeats, and skips a value too long to be a NUMDEMRSA', async () => {
    const long = household(`<NUMDEMRSA>${'9'.repeat(300)}</NUMDEMRSA>`);
    expect((await repeatedNumdemrsas(chunksOf(`<Racine>${household('<NUMDEMRSA>1</NUMDEMRSA>')}${long}${long}</Racine>`, 5))).size).toBe(0);
  });
});

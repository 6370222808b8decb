import { vrsbDocument } from './__fixtures__/vrsb-builder';
import { FileFaultError } from './file-fault.error';
import { VrsbDocumentParser } from './vrsb-document.parser';

describe('VrsbDocumentParser', () => {
  it('queues events as the text arrives and ends with the counts', () => {
    const parser = new VrsbDocumentParser(() => 'utf-8');
    const text = vrsbDocument({ households: [{}, {}] });
    const cut = text.indexOf('</InfosFoyerRSA>') + 3;
    parser.write(text.slice(0, cut));
    expect(parser.drain().map((e) => e.type)).toEqual(['header']);
    parser.write(text.slice(cut));
    expect(parser.drain().map((e) => e.type)).toEqual(['household', 'household']);
    parser.finish();
    expect(parser.drain()).toEqual([{ type: 'end', households: 2, footer: { nbTotDosRsaTransm: 2, nbTotDosRsaTransmAno: 0 } }]);
  });

  it('refuses a household that never closes instead of growing without bound', () => {
    const parser = new VrsbDocumentParser(() => 'utf-8', 10_000);
    const text = vrsbDocument();
    parser.write(text.slice(0, text.indexOf('<Personne>')));
    let fault: unknown;
    try {
      for (let i = 0; i < 1000; i++) parser.write('<Anomalie><LIBANO>xxxxxxxxxxxx</LIBANO></Anomalie>\n');
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(FileFaultError);
    expect((fault as FileFaultError).message).toBe('MALFORMED_XML: household #1 exceeds 10000 characters without closing: not a CAF dossier');
  });

  it.each([
    ['in the header', '<APPLIEME>CRI</APPLIEME>', (run: string) => `<APPLIEME>${run}</APPLIEME>`, 0],
    ['in an element the schema does not have, between households', '<InfosFoyerRSA>', (run: string) => `<Inconnu>${run}</Inconnu>\n<InfosFoyerRSA>`, 0],
    ['in a comment inside a household', '<NOMVOIE>', (run: string) => `<!--${run}--><NOMVOIE>`, 0],
  ])('refuses a run of text without markup far beyond any value, %s, before saxes holds it whole', (_where, from, to, households) => {
    const parser = new VrsbDocumentParser(() => 'utf-8');
    const [before, after] = vrsbDocument().replace(from, to('\u0000')).split('\u0000');
    let fault: unknown;
    try {
      parser.write(before);
      for (let i = 0; i < 140; i++) parser.write('x'.repeat(64 * 1024));
      parser.write(after);
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(FileFaultError);
    expect((fault as FileFaultError).message).toBe(`MALFORMED_XML: more than 8388608 characters without any markup, after ${households} households: no CAF value is so long`);
  });

  it('takes long stretches of markup: only text between tags is bounded', () => {
    const parser = new VrsbDocumentParser(() => 'utf-8');
    const text = vrsbDocument({ households: Array.from({ length: 600 }, () => ({})) });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    parser.write(text);
    parser.finish();
    expect(parser.drain().filter((e) => e.type === 'household')).toHaveLength(600);
  });

  it('reads entities and CDATA sections in values', () => {
    const parser = new VrsbDocumentParser(() => 'utf-8');
    const text = vrsbDocument().replace('<NOMVOIE>DES TILLEULS</NOMVOIE>', '<NOMVOIE> DE L&apos;&#201;GLISE &amp; <![CDATA[<PARVIS>]]> </NOMVOIE>');
    parser.write(text);
    parser.finish();
    const household = parser.drain().find((e) => e.type === 'household');
    expect(household).toMatchObject({ item: { ok: true, record: { addresses: [{ nomvoie: "DE L'ÉGLISE & <PARVIS>" }] } } });
  });
});

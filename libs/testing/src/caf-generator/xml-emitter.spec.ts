import { CharsetFitter, encode } from './charset';
import * as iconv from 'iconv-lite';
import { DEFAULT_STYLE, escapeText, XmlEmitter } from './xml-emitter';

describe('escapeText', () => {
  it('escapes & < > and apostrophes', () => {
    expect(escapeText(`CHEZ M & MME D'HONDT <A> "B"`)).toBe('CHEZ M &amp; MME D&apos;HONDT &lt;A&gt; "B"');
    expect(escapeText('PLAIN')).toBe('PLAIN');
  });
});

describe('XmlEmitter', () => {
  const render = (style = {}) => {
    const e = new XmlEmitter({ ...DEFAULT_STYLE, ...style });
    e.open('Personne').leaf('NOM', "D'HONDT").leaf('COMPLADR', '').leaf('PRENOM2', null).leaf('TOPVALIEC', true).close('Personne');
    return e.take();
  };

  it('writes one element per line by default, empty values self-closed, nulls left out', () => {
    expect(render()).toBe('<Personne>\n<NOM>D&apos;HONDT</NOM>\n<COMPLADR />\n<TOPVALIEC>1</TOPVALIEC>\n</Personne>\n');
  });

  it('indents with tabs, or writes everything on one line', () => {
    expect(render({ layout: 'pretty' })).toBe('<Personne>\n\t<NOM>D&apos;HONDT</NOM>\n\t<COMPLADR />\n\t<TOPVALIEC>1</TOPVALIEC>\n</Personne>\n');
    expect(render({ layout: 'minified' })).toBe('<Personne><NOM>D&apos;HONDT</NOM><COMPLADR /><TOPVALIEC>1</TOPVALIEC></Personne>');
  });

  it('uses CRLF on request', () => {
    expect(render({ lineEnding: 'CRLF' }).split('\r\n')).toHaveLength(6);
  });

  it('renders the accepted variants: true/false, padding, self-closed optional elements', () => {
    const out = render({ booleans: 'true-false', padValues: true, emptyOptionalElements: true });
    expect(out).toContain('<TOPVALIEC>true</TOPVALIEC>');
    expect(out).toContain(`<NOM>D&apos;HONDT${' '.repeat(28 - 7)}</NOM>`);
    expect(out).toContain('<PRENOM2 />');
  });
});

describe('CharsetFitter', () => {
  it('keeps Œ where the charset has it and spells it OE in ISO-8859-1', () => {
    expect(new CharsetFitter('windows-1252').adapt('LECŒUR')).toBe('LECŒUR');
    expect(new CharsetFitter('ISO-8859-15').adapt('LECŒUR')).toBe('LECŒUR');
    const latin1 = new CharsetFitter('ISO-8859-1');
    expect(latin1.adapt('LECŒUR HÉLÈNE')).toBe('LECOEUR HÉLÈNE');
    expect(latin1.replacements).toEqual({ Œ: 1 });
  });

  it('never lets iconv write a silent "?"', () => {
    const fitter = new CharsetFitter('ISO-8859-1');
    const bytes = encode(fitter.adapt('Œ€’'), 'ISO-8859-1');
    expect(iconv.decode(bytes, 'ISO-8859-1')).toBe("OEEUR'");
    expect(() => fitter.adapt('漢')).toThrow(/cannot be written in ISO-8859-1/);
  });
});

/**
 * Writes XML as strings (no DOM): one element per line like the real files (`lines`), indented with
 * tabs (`pretty`), or on a single line (`minified`). Text is escaped here, so callers pass raw values.
 */

export type Layout = 'lines' | 'pretty' | 'minified';
export type LineEnding = 'LF' | 'CRLF';

export interface RenderStyle {
  layout: Layout;
  lineEnding: LineEnding;
  /** xsd:boolean allows both; the CAF writes 0/1. */
  booleans: '01' | 'true-false';
  /** Fixed-width habit of the producer: string values right-padded with spaces to their maximum length. */
  padValues: boolean;
  /** Optional string elements written self-closed (`<PRENOM2 />`) instead of being left out. */
  emptyOptionalElements: boolean;
}

export const DEFAULT_STYLE: RenderStyle = {
  layout: 'lines',
  lineEnding: 'LF',
  booleans: '01',
  padValues: false,
  emptyOptionalElements: false,
};

/** maxLength of the string elements of vrsb0801.xsd that carry free text, for `padValues`. */
const PAD_WIDTHS: Readonly<Record<string, number>> = {
  NOM: 28,
  NOMNAI: 28,
  PRENOM: 32,
  PRENOM2: 15,
  PRENOM3: 15,
  NOMCOMNAI: 26,
  COMPLIDEADR: 38,
  COMPLADR: 38,
  NUMVOIE: 6,
  LIBTYPEVOIE: 30,
  NOMVOIE: 32,
  LIEUDIST: 38,
  NOMCOM: 32,
  IDASSEDIC: 8,
};

/** Optional xsd:string elements that may be written empty without breaking the schema. */
const EMPTYABLE = new Set(['PRENOM2', 'PRENOM3', 'NUMDEMRSAPRECE']);

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;' };

export function escapeText(value: string): string {
  return /[&<>']/.test(value) ? value.replace(/[&<>']/g, (c) => ESCAPES[c]) : value;
}

export type LeafValue = string | boolean | null | undefined;

export class XmlEmitter {
  private parts: string[] = [];
  private readonly eol: string;
  private readonly indents: string[] = [];

  constructor(
    private readonly style: RenderStyle,
    private depth = 0,
  ) {
    this.eol = style.layout === 'minified' ? '' : style.lineEnding === 'CRLF' ? '\r\n' : '\n';
  }

  open(name: string): this {
    this.line(`<${name}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.line(`</${name}>`);
    return this;
  }

  /** A leaf element: null/undefined is left out, '' is written self-closed as the CAF does. */
  leaf(name: string, value: LeafValue): this {
    if (value === null || value === undefined) {
      if (this.style.emptyOptionalElements && EMPTYABLE.has(name)) this.line(`<${name} />`);
      return this;
    }
    const text = typeof value === 'boolean' ? this.bool(value) : this.pad(name, value);
    this.line(text === '' ? `<${name} />` : `<${name}>${escapeText(text)}</${name}>`);
    return this;
  }

  leaves(pairs: readonly (readonly [string, LeafValue])[]): this {
    for (const [name, value] of pairs) this.leaf(name, value);
    return this;
  }

  /** An element opened with its text and never closed (malformed-xml fault). */
  unclosed(name: string, value: string): this {
    this.line(`<${name}>${escapeText(value)}`);
    return this;
  }

  /** Everything written since the last call. */
  take(): string {
    const out = this.parts.join('');
    this.parts = [];
    return out;
  }

  private bool(value: boolean): string {
    return this.style.booleans === '01' ? (value ? '1' : '0') : String(value);
  }

  private pad(name: string, value: string): string {
    const width = this.style.padValues ? PAD_WIDTHS[name] : undefined;
    return width ? value.padEnd(width) : value;
  }

  private line(text: string): void {
    if (this.style.layout === 'pretty') this.parts.push(this.indent(), text, this.eol);
    else this.parts.push(text, this.eol);
  }

  private indent(): string {
    const d = Math.max(0, this.depth);
    return (this.indents[d] ??= '\t'.repeat(d));
  }
}

import PDFDocument from 'pdfkit';

/** What pdfkit's AFM parser fills in from a font's metrics file (read-only once parsed). */
interface AfmTables {
  attributes: Record<string, unknown>;
  glyphWidths: Record<string, number>;
  boundingBoxes: Record<string, unknown>;
  kernPairs: Record<string, number>;
}
type AfmParser = AfmTables & { parse(contents: string): void };

const parsed = new Map<string, AfmTables>();
let installed = false;
let active = false;
let enabled = true;

/**
 * pdfkit reads and parses the AFM metrics of Helvetica and Helvetica-Bold again for every document
 * (two regular-expression passes over 3,000 lines: about 2.5 ms of a 4.5 ms letter). The parse
 * result only depends on the file's text and pdfkit never writes to it afterwards, so it is kept
 * once per process and shared. pdfkit exports no hook for this: the parser is reached through the
 * first document's font, and `standardFontMetrics().active` says whether it was found (a test fails
 * if a pdfkit upgrade moves it, rather than letters silently getting slower). The bytes of a letter
 * are the same with or without it (tested).
 */
export function shareStandardFontMetrics(): void {
  if (installed) return;
  installed = true;
  const probe = new PDFDocument({ autoFirstPage: false }) as unknown as { _font?: { font?: object } };
  const prototype = probe._font?.font ? (Object.getPrototypeOf(probe._font.font) as Partial<AfmParser>) : null;
  if (!prototype || typeof prototype.parse !== 'function') return;
  const parse = prototype.parse;
  prototype.parse = function (this: AfmParser, contents: string): void {
    const known = enabled ? parsed.get(contents) : undefined;
    if (known) {
      Object.assign(this, known);
      return;
    }
    parse.call(this, contents);
    if (enabled) parsed.set(contents, { attributes: this.attributes, glyphWidths: this.glyphWidths, boundingBoxes: this.boundingBoxes, kernPairs: this.kernPairs });
  };
  active = true;
}

/** For tests: whether the shared metrics are in use and how many fonts were parsed; `enabled` turns the sharing off. */
export function standardFontMetrics(options: { enabled?: boolean } = {}): { active: boolean; fonts: number } {
  if (options.enabled !== undefined) enabled = options.enabled;
  return { active, fonts: parsed.size };
}

import { inflateSync } from 'node:zlib';
import iconv from 'iconv-lite';

/** One text object of a page: where it starts (PDF user space, origin bottom left) and what it says. */
export interface PdfTextRun {
  x: number;
  y: number;
  text: string;
}

/**
 * The text runs of a PDF written by pdfkit with its standard fonts: enough for tests to read a
 * letter without a PDF library. Content streams are Flate-compressed; pdfkit places each line with
 * `1 0 0 1 x y Tm` and shows it as hex strings of WinAnsi codes (`[<4d61> 20 <64616d65>] TJ`).
 */
export function pdfTextRuns(pdf: Buffer): PdfTextRun[] {
  const runs: PdfTextRun[] = [];
  const source = pdf.toString('latin1');
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(source); match; match = streams.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const block of content.match(/BT[\s\S]*?ET/g) ?? []) {
      const hex = [...block.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      const position = /1 0 0 1 ([\d.-]+) ([\d.-]+) Tm/.exec(block);
      if (!hex) continue;
      runs.push({ x: Number(position?.[1] ?? NaN), y: Number(position?.[2] ?? NaN), text: iconv.decode(Buffer.from(hex, 'hex'), 'win1252') });
    }
  }
  return runs;
}

/** The text of such a PDF, one line per text object. */
export function pdfText(pdf: Buffer): string {
  return pdfTextRuns(pdf)
    .map((run) => run.text)
    .join('\n');
}

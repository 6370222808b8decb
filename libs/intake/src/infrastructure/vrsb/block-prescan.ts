import { createHash } from 'node:crypto';

/** A complete household block found in decoded text before it is parsed. */
export interface BlockCandidate {
  numdemrsa: string;
  /** SHA-256 of the block's text from `<InfosFoyerRSA>` to `</InfosFoyerRSA>` (the rawXml of the household). */
  sha256: string;
  /** `Personne` blocks in it, so counts stay right for a household that is not mapped. */
  persons: number;
}

/** Answers which blocks (by sha256) are byte-identical to what their dossier already holds. */
export type KnownBlocks = (candidates: BlockCandidate[]) => Promise<Set<string>>;

const OPEN = '<InfosFoyerRSA>';
const CLOSE = '</InfosFoyerRSA>';
const NUMDEMRSA = /<NUMDEMRSA>\s*([^<\s]+)\s*<\/NUMDEMRSA>/;
const PERSONNE = /<Personne>/g;

export interface PrescanResult {
  /** Complete blocks found, with their position in the scanned text (`start` inclusive, `end` exclusive). */
  blocks: (BlockCandidate & { start: number; end: number })[];
  /**
   * How much of the text may be parsed now: up to the start of a block (or tag) that is not complete
   * yet, which must wait to be scanned whole.
   */
  ready: number;
}

/**
 * Finds the complete `<InfosFoyerRSA>…</InfosFoyerRSA>` blocks of `text` with plain string search:
 * cheap next to XML parsing. Only the literal tags are recognised; a block written otherwise is simply
 * parsed the normal way.
 */
export function prescanBlocks(text: string, final: boolean): PrescanResult {
  const blocks: PrescanResult['blocks'] = [];
  let position = 0;
  let ready = text.length;
  for (;;) {
    const start = text.indexOf(OPEN, position);
    if (start < 0) break;
    const close = text.indexOf(CLOSE, start);
    if (close < 0) {
      if (!final) ready = start;
      break;
    }
    const end = close + CLOSE.length;
    const block = text.slice(start, end);
    const numdemrsa = NUMDEMRSA.exec(block)?.[1];
    // A second opening tag before the closing one: not a well-formed block, leave it to the parser.
    if (numdemrsa && block.indexOf(OPEN, 1) < 0) {
      blocks.push({ start, end, numdemrsa, sha256: createHash('sha256').update(block).digest('hex'), persons: block.match(PERSONNE)?.length ?? 0 });
    }
    position = end;
  }
  if (!final) {
    // A tag cut at the end of the text (`<InfosFoy`) would reach the parser before being scanned.
    const lastOpen = text.lastIndexOf('<');
    if (lastOpen >= 0 && lastOpen > text.lastIndexOf('>') && lastOpen < ready) ready = lastOpen;
  }
  return { blocks, ready };
}

/**
 * What saxes reads in place of a known block: an empty household element and the block's line
 * breaks, so the file stays well-formed, the block still counts, and line numbers in any later error
 * message stay those of the file. The block itself is byte-identical to one already parsed.
 */
export function knownBlockStandIn(text: string, start: number, end: number): string {
  let lines = 0;
  for (let at = text.indexOf('\n', start); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return `<InfosFoyerRSA/>${'\n'.repeat(lines)}`;
}

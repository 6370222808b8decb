import { sha256Hex } from '@rsa/kernel';

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
const NUM_OPEN = '<NUMDEMRSA>';
const NUM_CLOSE = '</NUMDEMRSA>';
const PERSONNE = '<Personne>';
/** Any start of a household element, whatever follows the name (`>`, blanks, attributes, `/`). */
const ANY_OPEN = '<InfosFoyerRSA';
/**
 * Longer than any household (a few KB; tens of KB at most). A block still open past this is not
 * waited for: its end is not the literal tag (`</InfosFoyerRSA >` is legal XML) or it never comes,
 * and holding it would keep the rest of the file in memory and scan it again at every chunk.
 */
export const MAX_BLOCK_CHARS = 1024 * 1024;

/** Occurrences of `needle` in text[from, to). */
function countBetween(text: string, needle: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf(needle, from); at >= 0 && at < to; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** The trimmed NUMDEMRSA of the block text[from, to), or null. */
function numdemrsaBetween(text: string, from: number, to: number): string | null {
  const open = text.indexOf(NUM_OPEN, from);
  if (open < 0 || open >= to) return null;
  const close = text.indexOf(NUM_CLOSE, open);
  if (close < 0 || close >= to) return null;
  const value = text.slice(open + NUM_OPEN.length, close).trim();
  return value !== '' && !value.includes('<') ? value : null;
}

export interface PrescanResult {
  /** Complete blocks found, with their position in the scanned text (`start` inclusive, `end` exclusive). */
  blocks: (BlockCandidate & { start: number; end: number })[];
  /**
   * How much of the text may be parsed now: up to the start of a block (or tag) that is not complete
   * yet, which must wait to be scanned whole.
   */
  ready: number;
  /** Every household element that starts before `ready` is one of `blocks`: none was left unread. */
  allRead: boolean;
}

/**
 * Finds the complete `<InfosFoyerRSA>…</InfosFoyerRSA>` blocks of `text` with plain string search:
 * cheap next to XML parsing. Only the literal tags are recognised; a block written otherwise is simply
 * parsed the normal way.
 */
export function prescanBlocks(text: string, final: boolean): PrescanResult {
  const blocks: PrescanResult['blocks'] = [];
  let ready = text.length;
  let start = text.indexOf(OPEN);
  while (start >= 0) {
    const close = text.indexOf(CLOSE, start);
    if (close < 0) {
      // Past MAX_BLOCK_CHARS the block goes to the parser as it is, and the next scan starts after it.
      if (!final && text.length - start <= MAX_BLOCK_CHARS) ready = start;
      break;
    }
    const end = close + CLOSE.length;
    const next = text.indexOf(OPEN, start + OPEN.length);
    const numdemrsa = numdemrsaBetween(text, start, close);
    // A second opening tag before the closing one: not a well-formed block, leave it to the parser.
    if (numdemrsa !== null && (next < 0 || next > close)) {
      const sha256 = sha256Hex(text.slice(start, end));
      blocks.push({ start, end, numdemrsa, sha256, persons: countBetween(text, PERSONNE, start, close) });
    }
    start = next >= 0 && next < end ? text.indexOf(OPEN, end) : next;
  }
  if (!final) {
    // A tag cut at the end of the text (`<InfosFoy`) would reach the parser before being scanned.
    const lastOpen = text.lastIndexOf('<');
    if (lastOpen >= 0 && lastOpen > text.lastIndexOf('>') && lastOpen < ready) ready = lastOpen;
  }
  return { blocks, ready, allRead: countBetween(text, ANY_OPEN, 0, ready) === blocks.length };
}

/**
 * What saxes reads in place of a known block: an empty household element and the block's line
 * breaks, so the file stays well-formed, the block still counts, and line numbers in any later error
 * message stay those of the file. The block itself is byte-identical to one already parsed.
 */
export function knownBlockStandIn(text: string, start: number, end: number): string {
  return `<InfosFoyerRSA/>${'\n'.repeat(countBetween(text, '\n', start, end))}`;
}

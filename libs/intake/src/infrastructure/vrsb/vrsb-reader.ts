import { knownBlockStandIn, prescanBlocks, type KnownBlocks } from './block-prescan';
import { FileFaultError } from './file-fault.error';
import { byteChunks, type VrsbInput } from './input-chunks';
import type { VrsbEvent } from './vrsb-event';
import { VrsbDocumentParser } from './vrsb-document.parser';
import { XmlByteDecoder } from './xml-byte-decoder';

/**
 * Streams a CAF bénéficiaire file (VRSB0801, CAF-FORMAT §4) into typed household records: bytes →
 * encoding from the BOM / XML declaration → decoded text → saxes → one element tree per InfosFoyerRSA →
 * record or record fault. Only the current household is held, whatever the file size; the input is
 * read as fast as the consumer pulls events.
 *
 * Throws FileFaultError for file-level faults (CAF-FORMAT §13.6). Households yielded before the fault
 * are then part of a rejected file. The events before a fault do not depend on how the input is chunked.
 */
export interface ReadVrsbOptions {
  /**
   * Asked, a few hundred households at a time and before they are parsed, which complete household
   * blocks are byte-identical to what the caller already holds. Those are neither parsed nor mapped
   * (they were, the first time): they still count, and come out as `known-household` events.
   *
   * A NUMDEMRSA met twice in the file must take the normal path both times (the last one wins), so
   * the reader asks only about a block whose NUMDEMRSA it has not met before in this file, that the
   * same scan does not hold twice, and in a scan where it could read every household: every
   * NUMDEMRSA is asked about at most once, and never for a dossier the file has already carried.
   */
  knownBlocks?: KnownBlocks;
}

/** Decoded text gathered before a pre-scan: a few hundred households, one database round trip. */
const PRESCAN_CHARS = 2 * 1024 * 1024;

export async function* readVrsb(input: VrsbInput, options: ReadVrsbOptions = {}): AsyncGenerator<VrsbEvent> {
  const decoder = new XmlByteDecoder();
  const document = new VrsbDocumentParser(() => decoder.encoding ?? 'utf-8');
  const knownBlocks = options.knownBlocks;
  // With knownBlocks, text waits here until its complete blocks have been scanned and looked up.
  let pending = '';
  /** Characters handed to the parser so far: its offsets, which stand-ins make differ from the file's. */
  let fed = 0;

  /** NUMDEMRSA met so far: asked about, or read in a household that was parsed. */
  const met = new Set<string>();

  async function release(final: boolean): Promise<FileFaultError | null> {
    if (!knownBlocks) return null;
    const { blocks, ready, allRead } = prescanBlocks(pending, final);
    const inScan = new Map<string, number>();
    for (const b of blocks) inScan.set(b.numdemrsa, (inScan.get(b.numdemrsa) ?? 0) + 1);
    // A household the scan could not read (its NUMDEMRSA written otherwise, a tag it does not
    // recognise) may carry the NUMDEMRSA of another block of the scan: then none is asked about.
    const eligible = !allRead ? [] : blocks.filter((b) => !met.has(b.numdemrsa) && inScan.get(b.numdemrsa) === 1);
    for (const b of blocks) met.add(b.numdemrsa);
    const known = eligible.length > 0 ? await knownBlocks(eligible.map(({ numdemrsa, sha256, persons }) => ({ numdemrsa, sha256, persons }))) : new Set<string>();
    let text = '';
    let cursor = 0;
    for (const block of blocks) {
      if (!known.has(block.sha256)) {
        document.markScanned(fed + text.length + (block.start - cursor), { sha256: block.sha256, length: block.end - block.start });
        continue;
      }
      text += pending.slice(cursor, block.start);
      document.markKnown(fed + text.length, block);
      text += knownBlockStandIn(pending, block.start, block.end);
      cursor = block.end;
    }
    text += pending.slice(cursor, ready);
    pending = pending.slice(ready);
    fed += text.length;
    return feed(document, text);
  }

  function drain(): VrsbEvent[] {
    const events = document.drain();
    if (knownBlocks) for (const e of events) if (e.type === 'household' && e.item.ok) met.add(e.item.record.numdemrsa);
    return events;
  }

  for await (const bytes of byteChunks(input)) {
    if (bytes.length === 0) continue;
    const decoded = decoder.write(bytes);
    let failure: FileFaultError | null;
    if (knownBlocks) {
      pending += decoded.text;
      failure = pending.length >= PRESCAN_CHARS || decoded.fault ? await release(decoded.fault !== null) : null;
    } else {
      failure = feed(document, decoded.text);
    }
    failure ??= decoded.fault;
    yield* drain();
    if (failure !== null) throw failure;
  }

  if (decoder.bytesRead === 0) throw new FileFaultError('EMPTY_FILE', 'the file is empty (0 bytes)');
  const last = decoder.end();
  let failure: FileFaultError | null;
  if (knownBlocks) {
    pending += last.text;
    failure = await release(true);
  } else {
    failure = feed(document, last.text);
  }
  yield* drain();
  if (failure !== null) throw failure;
  if (last.fault !== null) {
    // Bytes cut in the middle of a character: the stream just stopped, which TRUNCATED describes best.
    if (!document.complete) throw new FileFaultError('TRUNCATED', `the file ends before </Racine> (${last.fault.message})`);
    throw last.fault;
  }
  document.finish();
  yield* drain();
}

/** Parses `text`, returning the file fault it raised (events before it stay queued). */
function feed(document: VrsbDocumentParser, text: string): FileFaultError | null {
  if (text.length === 0) return null;
  try {
    document.write(text);
    return null;
  } catch (error) {
    if (error instanceof FileFaultError) return error;
    throw error;
  }
}

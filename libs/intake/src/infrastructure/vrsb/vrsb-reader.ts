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
export async function* readVrsb(input: VrsbInput): AsyncGenerator<VrsbEvent> {
  const decoder = new XmlByteDecoder();
  const document = new VrsbDocumentParser(() => decoder.encoding ?? 'utf-8');

  for await (const bytes of byteChunks(input)) {
    if (bytes.length === 0) continue;
    const decoded = decoder.write(bytes);
    const failure = feed(document, decoded.text) ?? decoded.fault;
    yield* document.drain();
    if (failure !== null) throw failure;
  }

  if (decoder.bytesRead === 0) throw new FileFaultError('EMPTY_FILE', 'the file is empty (0 bytes)');
  const last = decoder.end();
  const failure = feed(document, last.text);
  yield* document.drain();
  if (failure !== null) throw failure;
  if (last.fault !== null) {
    // Bytes cut in the middle of a character: the stream just stopped, which TRUNCATED describes best.
    if (!document.complete) throw new FileFaultError('TRUNCATED', `the file ends before </Racine> (${last.fault.message})`);
    throw last.fault;
  }
  document.finish();
  yield* document.drain();
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

import { SaxesParser } from 'saxes';
import { byteChunks, type VrsbInput } from './input-chunks';
import { malformedXml } from './malformed-xml';
import { XmlByteDecoder } from './xml-byte-decoder';

export interface RawParseResult {
  /** Start tags seen. */
  events: number;
  /** `</InfosFoyerRSA>` seen. */
  households: number;
  bytes: number;
}

/**
 * Benchmark reference for `readVrsb`: the same byte decoding and the same saxes parser over the whole
 * file, with trivial handlers (count start tags and household closings). `readVrsb time / rawParse time`
 * is the cost of building, mapping and checking the records.
 */
export async function rawParse(input: VrsbInput): Promise<RawParseResult> {
  const decoder = new XmlByteDecoder();
  const sax = new SaxesParser();
  let events = 0;
  let households = 0;
  sax.on('opentag', () => {
    events++;
  });
  sax.on('closetag', (tag) => {
    if (tag.name === 'InfosFoyerRSA') households++;
  });
  sax.on('error', (error) => {
    throw malformedXml(sax, error);
  });

  for await (const bytes of byteChunks(input)) {
    const decoded = decoder.write(bytes);
    if (decoded.text.length > 0) sax.write(decoded.text);
    if (decoded.fault !== null) throw decoded.fault;
  }
  const last = decoder.end();
  if (last.text.length > 0) sax.write(last.text);
  if (last.fault !== null) throw last.fault;
  sax.close();
  return { events, households, bytes: decoder.bytesRead };
}

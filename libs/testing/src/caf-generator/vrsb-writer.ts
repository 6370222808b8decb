import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type CafEncoding, CharsetFitter, encode, UTF8_BOM } from './charset';
import { counter } from './formats';
import type { GenHeader } from './header';
import type { GenHousehold } from './model';
import { writeFooter, writeHeader, writeHousehold } from './vrsb-serializer';
import { DEFAULT_STYLE, type RenderStyle, XmlEmitter } from './xml-emitter';

export interface WriteVrsbOptions {
  /** Encoding of the bytes. Default windows-1252. */
  encoding?: CafEncoding;
  /** Label in the XML declaration when it must lie about the bytes (encoding faults). Default: `encoding`. */
  declaredEncoding?: string;
  /** Prefix the file with a UTF-8 byte order mark. */
  bom?: boolean;
  style?: Partial<RenderStyle>;
  omitHeader?: boolean;
  omitFooter?: boolean;
  /** Added to the real count in NBTOTDOSRSATRANSM (count-mismatch fault). */
  footerCountDelta?: number;
  /** Write only the first half of the household at this position, then stop: no footer, no `</Racine>`. */
  truncateAtOrdinal?: number;
  /** Called for each household written completely, in file order (0-based ordinal). */
  onHousehold?: (household: GenHousehold, ordinal: number) => void;
}

export interface WriteVrsbResult {
  path: string;
  bytes: number;
  sha256: string;
  /** Complete `InfosFoyerRSA` blocks written. */
  count: number;
  /** Footer as written, or null when there is none. */
  footer: { nbtotdosrsatransm: string; nbtotdosrsatransmano: string } | null;
  truncated: boolean;
  /** Characters the target encoding lacked, and how often each was replaced. */
  transliterated: Record<string, number>;
}

/** Bytes are handed to the stream in chunks of about this many characters. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Streams a VRSB0801 file to disk: households are serialised one at a time, encoded, and written
 * with back-pressure (waiting for `drain`), so memory stays flat whatever the number of households.
 */
export async function writeVrsbFile(
  path: string,
  header: GenHeader,
  households: Iterable<GenHousehold>,
  options: WriteVrsbOptions = {},
): Promise<WriteVrsbResult> {
  const encoding = options.encoding ?? 'windows-1252';
  const style: RenderStyle = { ...DEFAULT_STYLE, ...options.style };
  const fitter = new CharsetFitter(encoding);
  const hash = createHash('sha256');
  let bytes = 0;
  let pending = '';

  await mkdir(dirname(path), { recursive: true });
  const stream = createWriteStream(path);
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });

  const writeBuffer = async (buf: Buffer): Promise<void> => {
    if (failure) throw failure;
    hash.update(buf);
    bytes += buf.length;
    if (!stream.write(buf)) await once(stream, 'drain');
  };
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    await writeBuffer(encode(fitter.adapt(text), encoding));
  };
  const push = async (text: string): Promise<void> => {
    pending += text;
    if (pending.length >= FLUSH_CHARS) await flush();
  };

  const eol = style.layout === 'minified' ? '' : style.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const emitter = new XmlEmitter(style, 1);
  if (options.bom) await writeBuffer(UTF8_BOM);
  await push(`<?xml version="1.0" encoding="${options.declaredEncoding ?? encoding}"?>${eol}<Racine>${eol}`);
  if (!options.omitHeader) writeHeader(emitter, header);
  await push(emitter.take());

  let count = 0;
  let withAnomalies = 0;
  let truncated = false;
  for (const household of households) {
    writeHousehold(emitter, household);
    const xml = emitter.take();
    if (options.truncateAtOrdinal === count) {
      await push(xml.slice(0, Math.floor(xml.length / 2)));
      truncated = true;
      break;
    }
    await push(xml);
    if (household.anomalies.length > 0) withAnomalies++;
    options.onHousehold?.(household, count);
    count++;
  }
  if (!truncated && options.truncateAtOrdinal !== undefined) {
    // Fewer households than the cut position: cut what was written so far instead.
    pending = pending.slice(0, Math.floor(pending.length / 2));
    truncated = true;
  }

  let footer: WriteVrsbResult['footer'] = null;
  if (!truncated) {
    if (!options.omitFooter) {
      footer = { nbtotdosrsatransm: counter(count + (options.footerCountDelta ?? 0)), nbtotdosrsatransmano: counter(withAnomalies) };
      writeFooter(emitter, count + (options.footerCountDelta ?? 0), withAnomalies);
      await push(emitter.take());
    }
    await push(`</Racine>${eol}`);
  }
  await flush();
  stream.end();
  await once(stream, 'finish');
  if (failure) throw failure;
  return { path, bytes, sha256: hash.digest('hex'), count, footer, truncated, transliterated: { ...fitter.replacements } };
}

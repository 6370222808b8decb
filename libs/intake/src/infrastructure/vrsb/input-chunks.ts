import type { Readable } from 'node:stream';

/** What the reader accepts: a byte stream (fs.ReadStream, upload stream) or any async source of buffers. */
export type VrsbInput = Readable | AsyncIterable<Buffer | Uint8Array>;

/**
 * Bytes are decoded and parsed in slices of at most this size, whatever the input's chunk size (the
 * importer reads 1 MiB at a time): decoded strings, the text window and the queue of households stay
 * small, so households die young in the GC and memory stays flat.
 */
export const MAX_SLICE_BYTES = 64 * 1024;

/** The input's chunks as Buffers of at most MAX_SLICE_BYTES (zero-copy views). */
export async function* byteChunks(input: VrsbInput): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<unknown>) {
    let bytes: Buffer;
    if (Buffer.isBuffer(chunk)) bytes = chunk;
    else if (chunk instanceof Uint8Array) bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else throw new TypeError('the VRSB reader needs bytes: do not set an encoding on the input stream');
    if (bytes.length <= MAX_SLICE_BYTES) yield bytes;
    else for (let i = 0; i < bytes.length; i += MAX_SLICE_BYTES) yield bytes.subarray(i, i + MAX_SLICE_BYTES);
  }
}

import type { Readable } from 'node:stream';

/** What the reader accepts: a byte stream (fs.ReadStream, upload stream) or any async source of buffers. */
export type VrsbInput = Readable | AsyncIterable<Buffer | Uint8Array>;

/** The input's chunks as Buffers. Text chunks are refused: their bytes were already decoded by someone. */
export async function* byteChunks(input: VrsbInput): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<unknown>) {
    if (Buffer.isBuffer(chunk)) yield chunk;
    else if (chunk instanceof Uint8Array) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else throw new TypeError('the VRSB reader needs bytes: do not set an encoding on the input stream');
  }
}

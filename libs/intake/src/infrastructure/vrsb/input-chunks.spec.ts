import { PassThrough } from 'node:stream';
import { byteChunks, MAX_SLICE_BYTES } from './input-chunks';

async function* source(...chunks: (Buffer | Uint8Array)[]): AsyncGenerator<Buffer | Uint8Array> {
  yield* chunks;
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

describe('byteChunks', () => {
  it('slices large input chunks without copying and keeps small ones', async () => {
    const big = Buffer.alloc(MAX_SLICE_BYTES * 2 + 10, 0x41);
    const small = Buffer.from('<Racine/>');
    const slices = await collect(byteChunks(source(big, small)));
    expect(slices.map((s) => s.length)).toEqual([MAX_SLICE_BYTES, MAX_SLICE_BYTES, 10, small.length]);
    expect(slices[1].buffer).toBe(big.buffer);
    expect(Buffer.concat(slices)).toEqual(Buffer.concat([big, small]));
  });

  it('accepts Uint8Array chunks and refuses strings', async () => {
    const bytes = new Uint8Array([0x3c, 0x52, 0x2f, 0x3e]);
    expect(await collect(byteChunks(source(bytes)))).toEqual([Buffer.from('<R/>')]);
    const text = new PassThrough({ encoding: 'utf8' });
    text.end('<R/>');
    await expect(collect(byteChunks(text))).rejects.toThrow('the VRSB reader needs bytes');
  });
});

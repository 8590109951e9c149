import { Decompress } from 'fzstd';
import { StreamSource } from '../tar/byte-source.js';
import {
  CHEAP_WINDOW_BYTES,
  MAX_EXCESS_WINDOW_WORK,
  MAX_BLOCK_BYTES,
  ZSTD_MAGIC,
  ZstdFormatError,
  frameHeaderRest,
  parseBlockHeader,
  parseFrameHeader,
} from './frame-header.js';

/** Output the decoder may produce in one push, at most (each block regenerates at most 128 KiB). */
const OUTPUT_PER_PUSH = 1024 * 1024;

/** Window bytes moved beyond the cheap size, over one stream. */
interface Work {
  excess: number;
}

/**
 * Streams the content of a zstd stream (any number of frames, skippable frames
 * included) with memory bounded by one window and one block. The frames and blocks
 * are walked here, in a loop: the decoder (fzstd) is handed one frame at a time,
 * block by block, so it never sees a window over our limit, never holds more than a
 * block of output before we pass it on, and never recurses from one frame into the next.
 */
export async function* zstdChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const source = new StreamSource(input);
  const work: Work = { excess: 0 };
  try {
    for (let frames = 0; ; frames++) {
      const magic = await source.read(4);
      if (magic.length === 0) {
        if (frames === 0) throw new ZstdFormatError('empty zstd stream');
        return;
      }
      if (magic.length < 4) throw new ZstdFormatError('truncated zstd frame');
      const value = magic.readUInt32LE(0);
      if ((value & 0xfffffff0) === 0x184d2a50) {
        const size = await exactly(source, 4);
        const want = size.readUInt32LE(0);
        if ((await source.skip(want)) < want) throw new ZstdFormatError('truncated zstd skippable frame');
        continue;
      }
      if (value !== ZSTD_MAGIC)
        throw new ZstdFormatError(frames === 0 ? 'not a zstd stream' : 'invalid zstd frame magic (trailing garbage?)');
      yield* frame(source, Buffer.from(magic), work);
    }
  } finally {
    await source.close();
  }
}

async function* frame(source: StreamSource, magic: Buffer, work: Work): AsyncGenerator<Buffer> {
  const descriptor = await exactly(source, 1);
  const rest = await exactly(source, frameHeaderRest(descriptor[0]));
  const header = parseFrameHeader(Buffer.concat([descriptor, rest]));
  const out: Buffer[] = [];
  const decoder = new Decompress((chunk) => {
    if (chunk.length) out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  // Copies (exactly() makes them): the decoder may keep what it is given, and a source's buffers are reused.
  let pending: Buffer[] = [magic, descriptor, rest];
  let pendingOutput = 0;
  for (;;) {
    const blockHeader = await exactly(source, 3);
    const block = parseBlockHeader(blockHeader, header.windowBytes);
    work.excess += Math.max(0, header.windowBytes - CHEAP_WINDOW_BYTES);
    if (work.excess > MAX_EXCESS_WINDOW_WORK) {
      throw new ZstdFormatError(
        `zstd frame with a ${header.windowBytes >> 20} MiB window is too slow for our decoder past the first blocks (windows up to ${CHEAP_WINDOW_BYTES >> 20} MiB decode at full speed; recompress without --long)`,
      );
    }
    const content = await exactly(source, block.contentBytes);
    pending.push(blockHeader, content);
    if (block.last && header.hasChecksum) pending.push(await exactly(source, 4));
    // A few blocks go in at a time (fewer calls), but never more than OUTPUT_PER_PUSH of output.
    pendingOutput += MAX_BLOCK_BYTES;
    if (pendingOutput < OUTPUT_PER_PUSH && !block.last) continue;
    try {
      decoder.push(Buffer.concat(pending), block.last);
    } catch (err) {
      // fzstd's own checks (FSE tables, Huffman weights, offsets) throw plain Errors; each is about the stream.
      throw new ZstdFormatError(`corrupt zstd data (${(err as Error)?.message ?? String(err)})`, { cause: err });
    }
    pending = [];
    pendingOutput = 0;
    while (out.length) yield out.shift()!;
    if (block.last) return;
  }
}

async function exactly(source: StreamSource, n: number): Promise<Buffer> {
  const bytes = await source.read(n);
  if (bytes.length < n) throw new ZstdFormatError('truncated zstd frame');
  return Buffer.from(bytes);
}

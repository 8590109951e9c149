import { createGunzip } from 'node:zlib';
import { type ExpansionBudget } from './expansion-budget.js';
import { zstdChunks } from './zstd/decode.js';

export type Compression = 'gzip' | 'zstd' | 'none' | 'unknown';

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/** Decides the compression of a blob from its first bytes (never from a file name or media type). */
export function sniffCompression(head: Buffer, looksLikeTar: boolean): Compression {
  if (head.length >= 2 && head[0] === GZIP[0] && head[1] === GZIP[1]) return 'gzip';
  if (head.length >= 4 && ZSTD.every((b, i) => head[i] === b)) return 'zstd';
  return looksLikeTar ? 'none' : 'unknown';
}

/**
 * Limits what a decompressor may produce, so a decompression bomb ends in a clear
 * error instead of hours of work. Real layers compress 2-20x; sparse images can reach
 * hundreds, so the bound is generous: 1 GiB plus 1000x the compressed size.
 */
export function expansionLimit(compressedBytes: number): number {
  const fromEnv = Number(process.env.AIRLOCK_MAX_LAYER_BYTES);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return 1024 ** 3 + compressedBytes * 1000;
}

export class ExpansionError extends Error {}

async function* bounded(
  source: AsyncIterable<Buffer>,
  limit: number,
  budget: ExpansionBudget | undefined,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new ExpansionError(`decompresses to more than ${limit} bytes (decompression bomb?)`);
    budget?.spend(chunk.length);
    yield chunk;
  }
}

/**
 * Pull-based gunzip: input is read only when the consumer asks for more, so the
 * reader of an outer archive is never raced by read-ahead, and memory holds at
 * most the output of one input chunk (deflate expands at most ~1032x).
 */
async function* gunzipChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  const out: Buffer[] = [];
  let failure: Error | undefined;
  gz.on('data', (chunk: Buffer) => out.push(chunk));
  // After a data error zlib never calls back the write it was working on, so every
  // wait also ends on the error; waiting on the callback alone left the promise
  // unsettled and Node exited 13 with no message.
  const failed = new Promise<void>((resolve) =>
    gz.on('error', (err) => {
      failure ??= err;
      resolve();
    }),
  );
  const ended = new Promise<void>((resolve) => gz.once('end', resolve));
  try {
    for await (const chunk of input) {
      for (let off = 0; off < chunk.length; off += CHUNK_IN) {
        await Promise.race([
          new Promise<void>((resolve) => gz.write(chunk.subarray(off, off + CHUNK_IN), () => resolve())),
          failed,
        ]);
        if (failure) throw failure;
        while (out.length) yield out.shift()!;
      }
    }
    gz.end();
    await Promise.race([ended, failed]);
    if (failure) throw failure;
    while (out.length) yield out.shift()!;
  } finally {
    gz.destroy();
  }
}

const CHUNK_IN = 64 * 1024;

/**
 * Decompresses a stream of chunks; `compressedBytes` sizes the bomb limit, and the
 * image's `budget`, when given, bounds what all of its decompressions produce together.
 */
export function decompress(
  input: AsyncIterable<Buffer>,
  compression: Compression,
  compressedBytes: number,
  budget?: ExpansionBudget,
): AsyncIterable<Buffer> {
  const limit = expansionLimit(compressedBytes);
  switch (compression) {
    case 'gzip': {
      return bounded(gunzipChunks(input), limit, budget);
    }
    case 'zstd':
      return bounded(zstdChunks(input), limit, budget);
    default:
      return input;
  }
}

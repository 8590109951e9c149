import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createBrotliDecompress, createGunzip, createGzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { Compression } from './format.js';
import type { VerifiedBundle } from './verify.js';

/** Passes bytes through while hashing and counting them; fails once more than `limit` have passed. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(
    private readonly limit = Number.POSITIVE_INFINITY,
    private readonly onExceed?: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(this.onExceed?.() ?? new Error('limit exceeded'));
    this.hash.update(chunk);
    done(null, chunk);
  }
}

export interface CompressedPayload {
  sha256: string;
  length: number;
  uncompressedLength: number;
  compression: Compression;
}

/** Compresses a database file into `outFile`; quality 9 keeps big NVD-sized builds to minutes, not hours. */
export async function compressPayload(
  dbFile: string,
  outFile: string,
  compression: Compression,
): Promise<CompressedPayload> {
  const uncompressedLength = (await stat(dbFile)).size;
  const compressor =
    compression === 'br'
      ? createBrotliCompress({
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_LGWIN]: 24,
            [constants.BROTLI_PARAM_SIZE_HINT]: uncompressedLength,
          },
        })
      : createGzip({ level: 9 });
  const meter = new Meter();
  await pipeline(createReadStream(dbFile), compressor, meter, createWriteStream(outFile, { flags: 'wx', mode: 0o600 }));
  return { sha256: meter.hash.digest('hex'), length: meter.bytes, uncompressedLength, compression };
}

/**
 * Decompresses a verified bundle's payload into `outFile` (created, must not exist).
 * The compressed bytes are hashed again on the way through, so a file swapped after
 * verification is still caught, and output beyond the declared length aborts at once
 * (a decompression bomb writes at most `uncompressedLength` bytes).
 */
export async function extractPayload(bundle: VerifiedBundle, outFile: string): Promise<void> {
  const { file, head, manifest } = bundle;
  const { payload } = manifest;
  const input = new Meter();
  const output = new Meter(
    payload.uncompressedLength,
    () => new InputError(file, `payload decompresses to more than the declared ${payload.uncompressedLength} bytes`),
  );
  const decompressor = payload.compression === 'br' ? createBrotliDecompress() : createGunzip();
  try {
    await pipeline(
      createReadStream(file, { start: head.payloadOffset, end: head.payloadOffset + payload.length - 1 }),
      input,
      decompressor,
      output,
      createWriteStream(outFile, { flags: 'wx', mode: 0o600 }),
    );
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOSPC' || e.code === 'EDQUOT')
      throw new InputError(outFile, 'no space left to unpack the advisory database', { cause: err });
    // File-system errors carry a syscall; anything else came out of the decompressor.
    if (e.syscall === undefined)
      throw new InputError(file, `payload is not valid ${payload.compression} data: ${e.message}`, { cause: err });
    throw err;
  }
  if (input.hash.digest('hex') !== payload.sha256)
    throw new InputError(file, 'payload changed while it was being unpacked (sha256 differs from the verified one)');
  if (output.bytes !== payload.uncompressedLength)
    throw new InputError(
      file,
      `payload decompressed to ${output.bytes} bytes, the manifest declares ${payload.uncompressedLength}`,
    );
}

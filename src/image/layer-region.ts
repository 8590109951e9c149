import { readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { decompress, sniffCompression, ExpansionError } from './decompress.js';
import { scanLayerTar, type LayerRecord, type WantsFile } from './layer-scan.js';
import { FileRegionSource, StreamSource, fileRegionChunks } from './tar/byte-source.js';
import { BLOCK, TarFormatError, looksLikeTarHeader } from './tar/header.js';
import { hashFileRegion } from './integrity/hash-region.js';
import { StreamDigest, drain } from './integrity/hashing.js';
import { type ExpansionBudget, ImageExpansionError } from './expansion-budget.js';
import { ZstdFormatError } from './zstd/frame-header.js';

/**
 * Scans a layer blob that lies in a file on disk (a member of a tarball, or a blob of
 * a layout directory) at [start, start + size). Its compression is sniffed from its
 * first bytes; an uncompressed layer is walked in place, by seeking.
 */
export async function scanLayerRegion(
  fd: number,
  start: number,
  size: number,
  wants: WantsFile,
  label: string,
  name: string,
  budget?: ExpansionBudget,
): Promise<LayerRecord> {
  const head = Buffer.alloc(Math.min(BLOCK, size));
  readSync(fd, head, 0, head.length, start);
  const compression = sniffCompression(head, looksLikeTarHeader(head));
  if (compression === 'unknown') throw new InputError(label, `layer ${name} is not a tar, gzip or zstd blob`);
  // The blob's digest needs every byte: a worker hashes it while the walk below seeks.
  const blob = hashFileRegion(fd, start, start + size);
  try {
    if (compression === 'none') {
      const record = await scanLayerTar(new FileRegionSource(fd, start, start + size), wants);
      const { digest } = await blob;
      return { ...record, digests: { blob: digest, content: digest } };
    }
    const content = new StreamDigest();
    const source = new StreamSource(
      content.through(decompress(fileRegionChunks(fd, start, start + size), compression, size, budget)),
    );
    try {
      const record = await scanLayerTar(source, wants);
      await drain(source); // past the tar's end marker too: the diff_id covers the whole stream
      return { ...record, digests: { blob: (await blob).digest, content: content.digest() } };
    } finally {
      await source.close();
    }
  } catch (err) {
    await blob.catch(() => undefined); // the fd stays open until the worker is done with it
    throw layerError(label, name, err);
  }
}

/** Turns a failure inside a layer into a one-line error naming the archive and the layer. */
export function layerError(label: string, name: string, err: unknown): unknown {
  if (err instanceof InputError) return err;
  if (err instanceof ImageExpansionError) return new InputError(label, err.message, { cause: err });
  if (err instanceof TarFormatError || err instanceof ExpansionError || err instanceof ZstdFormatError) {
    return new InputError(label, `layer ${name}: ${err.message}`, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (
    code === 'Z_DATA_ERROR' ||
    code === 'Z_BUF_ERROR' ||
    code === 'ERR_ZLIB' ||
    /unexpected (end|eof)|invalid|incorrect header|window size|too far back/i.test(String((err as Error)?.message))
  ) {
    return new InputError(label, `layer ${name}: corrupt or truncated compressed data (${(err as Error).message})`, {
      cause: err,
    });
  }
  return err;
}

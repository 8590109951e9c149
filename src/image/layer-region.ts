import { readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { decompress, sniffCompression, ExpansionError } from './decompress.js';
import { scanLayerTar, type LayerRecord, type WantsFile } from './layer-scan.js';
import { FileRegionSource, StreamSource, fileRegionChunks } from './tar/byte-source.js';
import { BLOCK, TarFormatError, looksLikeTarHeader } from './tar/header.js';

/**
 * Scans a layer blob that lies in a file on disk (a member of a tarball, or a blob of
 * a layout directory) at [start, start + size). Its compression is sniffed from its
 * first bytes; an uncompressed layer is walked in place, by seeking.
 */
export async function scanLayerRegion(fd: number, start: number, size: number, wants: WantsFile, label: string, name: string): Promise<LayerRecord> {
  const head = Buffer.alloc(Math.min(BLOCK, size));
  readSync(fd, head, 0, head.length, start);
  const compression = sniffCompression(head, looksLikeTarHeader(head));
  try {
    if (compression === 'none') return await scanLayerTar(new FileRegionSource(fd, start, start + size), wants);
    if (compression === 'unknown') throw new InputError(label, `layer ${name} is not a tar, gzip or zstd blob`);
    const source = new StreamSource(decompress(fileRegionChunks(fd, start, start + size), compression, size));
    try {
      return await scanLayerTar(source, wants);
    } finally {
      await source.close();
    }
  } catch (err) {
    throw layerError(label, name, err);
  }
}

/** Turns a failure inside a layer into a one-line error naming the archive and the layer. */
export function layerError(label: string, name: string, err: unknown): unknown {
  if (err instanceof InputError) return err;
  if (err instanceof TarFormatError || err instanceof ExpansionError) {
    return new InputError(label, `layer ${name}: ${err.message}`, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_ZLIB' || /unexpected (end|eof)|invalid|incorrect header|window size|too far back/i.test(String((err as Error)?.message))) {
    return new InputError(label, `layer ${name}: corrupt or truncated compressed data (${(err as Error).message})`, { cause: err });
  }
  return err;
}

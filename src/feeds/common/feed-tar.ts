/**
 * Feed archives shipped as tar, plain or compressed as a whole: Red Hat publishes all its
 * CSAF advisories as one `csaf_advisories_YYYY-MM-DD.tar.zst`. The archive is read in one
 * streaming pass with the image reader's tar walker and decompressors; each file entry is
 * buffered on its own (a CSAF document is at most tens of megabytes), never the archive.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { decompress, sniffCompression } from '../../image/decompress.js';
import { StreamSource } from '../../image/tar/byte-source.js';
import { readTar } from '../../image/tar/reader.js';
import { InputError, describeCause } from '../../errors.js';
import type { FeedFile, WalkOptions } from './feed-file.js';
import { fileHeadBytes } from './file-head.js';
import { feedRecordByteLimit, recordTooLarge } from './limits.js';

const TAR_NAME = /\.(tar|tar\.gz|tgz|tar\.zst|tar\.zstd)$/i;

export function isTarFeedName(file: string): boolean {
  return TAR_NAME.test(file);
}

export async function* walkTar(file: string, size: number, options: WalkOptions): AsyncGenerator<FeedFile> {
  const compression = sniffCompression(await fileHeadBytes(file, 4), true);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  const limit = options.entriesPerZip ?? Infinity;
  let taken = 0;
  const recordLimit = feedRecordByteLimit();
  try {
    for await (const entry of readTar(new StreamSource(decompress(stream, compression, size)))) {
      if (entry.type !== 'file') continue;
      if (taken++ >= limit) return;
      // Larger entries are not feed documents; reading them would only cost memory.
      if (entry.size > recordLimit) {
        options.warn?.({ file: `${file}!${entry.name}`, message: recordTooLarge(recordLimit).message });
        continue;
      }
      const body = await entry.body();
      yield {
        name: `${file}!${entry.name}`,
        entryPath: entry.name,
        size: body.length,
        read: async () => body,
        open: async () => Readable.from([body]),
      };
    }
  } catch (cause) {
    // Everything thrown in here comes from reading the archive: the tar walker, a
    // decompressor (corrupt data, a bomb) or the file itself.
    if (cause instanceof InputError) throw cause;
    throw new InputError(file, `not a readable tar archive: ${describeCause(cause)}`, { cause });
  } finally {
    stream.destroy();
  }
}

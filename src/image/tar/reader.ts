import { escapeField } from '../../text/terminal-safe.js';
import type { ByteSource } from './byte-source.js';
import {
  BLOCK,
  MAX_META_RECORD,
  TarFormatError,
  entryType,
  isZeroBlock,
  paddedSize,
  parseHeader,
  parsePax,
  type EntryType,
} from './header.js';

export interface TarEntry {
  /** The name as stored (PAX/GNU long names applied), not yet normalized. */
  name: string;
  type: EntryType;
  linkname: string;
  size: number;
  mode: number;
  /** Absolute file offset of the body, when the source is a file region. */
  bodyOffset?: number;
  /** Reads the whole body. Call at most once, before asking for the next entry. */
  body(): Promise<Buffer>;
  /** Streams the body in chunks instead (for bodies too large to buffer). Same rules as body(). */
  chunks(): AsyncIterable<Buffer>;
  /** Random access into the body without reading it, when the archive is an uncompressed file on disk. */
  readAt?: (offset: number, length: number) => Buffer;
}

/**
 * Walks the entries of a tar stream. Bodies that nobody reads are skipped: on a
 * file that is a seek, so a 2 GB layer costs one header read per file.
 * Throws TarFormatError on anything malformed or truncated.
 */
export async function* readTar(source: ByteSource): AsyncGenerator<TarEntry> {
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  let sawEntry = false;
  // Extended headers before one entry, summed: a chain of records each under the limit is held to it as a whole.
  let metaBytes = 0;

  for (;;) {
    const block = await source.read(BLOCK);
    if (block.length === 0) {
      // A stream that ends without the two zero blocks is common (and tolerated by tar) when it ends on a boundary.
      if (!sawEntry) throw new TarFormatError('empty archive');
      return;
    }
    if (block.length < BLOCK) throw new TarFormatError('truncated tar header');
    if (isZeroBlock(block)) return;
    const header = parseHeader(block);
    sawEntry = true;
    const padded = paddedSize(header.size);

    if (header.typeflag === 'x' || header.typeflag === 'g' || header.typeflag === 'L' || header.typeflag === 'K') {
      if (header.size > MAX_META_RECORD)
        throw new TarFormatError(`extended header of ${header.size} bytes is too large`);
      metaBytes += header.size;
      if (metaBytes > MAX_META_RECORD)
        throw new TarFormatError(`extended headers of more than ${MAX_META_RECORD} bytes in all before one entry`);
      const meta = await source.read(header.size);
      if (meta.length < header.size) throw new TarFormatError('truncated extended header');
      await mustSkip(source, padded - header.size);
      if (header.typeflag === 'x') pax = { ...pax, ...entryKeys(parsePax(meta)) };
      else if (header.typeflag === 'g') globalPax = { ...globalPax, ...entryKeys(parsePax(meta)) };
      else if (header.typeflag === 'L') longName = cString(meta);
      else longLink = cString(meta);
      continue;
    }

    const attrs = { ...globalPax, ...pax };
    const name = attrs.path ?? longName ?? header.name;
    const linkname = attrs.linkpath ?? longLink ?? header.linkname;
    let size = header.size;
    if (attrs.size !== undefined) {
      size = Number(attrs.size);
      if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError('invalid PAX size');
    }
    pax = {};
    longName = longLink = undefined;
    metaBytes = 0;

    const type = entryType(header.typeflag);
    // Hard links, symlinks and directories carry no body even if a size is recorded (old GNU tar).
    const bodySize = type === 'file' || type === 'other' ? size : 0;
    const bodyPadded = type === 'file' || type === 'other' ? paddedSize(size) : padded;
    const bodyOffset = source.fileOffset;
    const startPos = source.position;
    let consumed = false;

    const readAt =
      source.readAt && bodyOffset !== undefined
        ? (offset: number, length: number) =>
            offset < 0 || offset >= bodySize
              ? Buffer.alloc(0)
              : source.readAt!(bodyOffset + offset, Math.min(length, bodySize - offset))
        : undefined;
    yield {
      name,
      type,
      linkname,
      size: bodySize,
      mode: header.mode,
      bodyOffset,
      readAt,
      body: async () => {
        if (consumed) throw new Error('tar entry body read twice');
        consumed = true;
        const data = await source.read(bodySize);
        if (data.length < bodySize) throw new TarFormatError(`truncated body of ${escapeField(name)}`);
        return Buffer.from(data);
      },
      chunks: async function* () {
        if (consumed) throw new Error('tar entry body read twice');
        consumed = true;
        let left = bodySize;
        while (left > 0) {
          const data = await source.read(Math.min(left, 1 << 20));
          if (data.length === 0) throw new TarFormatError(`truncated body of ${escapeField(name)}`);
          left -= data.length;
          yield Buffer.from(data);
        }
      },
    };

    const used = source.position - startPos;
    await mustSkip(source, bodyPadded - used);
  }
}

async function mustSkip(source: ByteSource, n: number): Promise<void> {
  if (n <= 0) return;
  const skipped = await source.skip(n);
  if (skipped < n) throw new TarFormatError('truncated tar entry');
}

/**
 * Only the keys that change how an entry is read are kept, so global headers, which
 * last for the whole archive, hold at most three values however many there are.
 */
function entryKeys(records: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['path', 'linkpath', 'size']) if (records[key] !== undefined) out[key] = records[key];
  return out;
}

function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.toString('utf8', 0, nul === -1 ? buf.length : nul);
}

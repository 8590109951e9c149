/**
 * Feed bytes, gunzipped when they are gzip (NVD's `.json.gz`, EPSS's `.csv.gz`) and
 * bunzipped when they are bzip2 (Oracle's `com.oracle.elsa-all.xml.bz2`: Node has no
 * bzip2, unbzip2-stream is a small streaming decoder), decided by the magic bytes rather
 * than the file name. Everything stays a stream: EPSS and NVD year
 * files are hundreds of megabytes once inflated. Decompression is bounded per file
 * (limits.ts), and files read whole are bounded by the record limit.
 */
import { PassThrough, Readable } from 'node:stream';
import unbzip2Stream from 'unbzip2-stream';
import { createGunzip } from 'node:zlib';
import type { FeedContext } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { boundedLines, type NumberedLine } from './bounded-lines.js';
import type { FeedFile } from './feed-files.js';
import { FeedArchiveError, feedExpansionLimit, feedRecordByteLimit, recordTooLarge } from './limits.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** `BZh` and a block size digit 1–9. */
function isBzip2(head: Buffer): boolean {
  return (
    head.length >= 4 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68 && head[3] >= 0x31 && head[3] <= 0x39
  );
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** The file's content as a stream of (decompressed) chunks. */
export async function openDecoded(file: FeedFile): Promise<Readable> {
  const raw = await file.open();
  const chunks = raw[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  // A stream may hand out a 1-byte first chunk; the magic needs two.
  while (head.length < 4) {
    const next = await chunks.next();
    if (next.done) break;
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield toBuffer(next.value);
  }
  const source = Readable.from(replay());
  let result: Readable = source;
  const claimed = /\.(gz|tgz|bz2)$/i.exec(file.entryPath)?.[1].toLowerCase();
  if (claimed && !isGzip(head) && !isBzip2(head)) {
    source.destroy();
    raw.destroy();
    throw new FeedArchiveError(file.name, `named .${claimed} but is not ${claimed === 'bz2' ? 'bzip2' : 'gzip'} data`);
  }
  if (isGzip(head)) {
    const gunzip = createGunzip();
    source.on('error', (error) => gunzip.destroy(error));
    gunzip.on('error', () => undefined); // reported by the bounded reader below
    result = bounded(source.pipe(gunzip), file, 'gzip');
  } else if (isBzip2(head)) {
    // The decoder is a classic stream: piped into a PassThrough so readers can iterate it.
    const bunzip = unbzip2Stream();
    const out = new PassThrough();
    source.on('error', (error) => out.destroy(error));
    bunzip.on('error', (error: Error) => out.destroy(new Error(`not valid bzip2 data: ${error.message}`)));
    source.pipe(bunzip).pipe(out);
    out.once('close', () => source.destroy());
    result = bounded(out, file, 'bzip2');
  }
  // A reader that stops early (sniffing) must release the file handle too.
  result.once('close', () => raw.destroy());
  return result;
}

/**
 * Decompressed output counted against the file's expansion limit; a decoder's error (a
 * truncated or corrupt member) becomes one error naming the file.
 */
function bounded(decoded: Readable, file: FeedFile, codec: string): Readable {
  const limit = feedExpansionLimit(file.size);
  async function* counted(): AsyncGenerator<Buffer> {
    let total = 0;
    try {
      for await (const chunk of decoded) {
        total += (chunk as Buffer).length;
        if (total > limit)
          throw new FeedArchiveError(
            file.name,
            `decompresses to more than ${limit} bytes (decompression bomb?; AIRLOCK_MAX_FEED_FILE_BYTES raises the limit)`,
          );
        yield chunk as Buffer;
      }
    } catch (cause) {
      if (cause instanceof FeedArchiveError) throw cause;
      throw new FeedArchiveError(file.name, `not valid ${codec} data: ${describeCause(cause)}`, { cause });
    } finally {
      decoded.destroy();
    }
  }
  const out = Readable.from(counted(), { objectMode: false });
  out.once('close', () => decoded.destroy());
  return out;
}

/**
 * The whole (decompressed) content, for files that are one record each. More than the
 * record limit is an OversizedRecordError (the caller warns and skips), counted as the
 * bytes arrive so a zip entry or gzip that lies about its size is never held whole.
 */
export async function readDecoded(file: FeedFile, limit = feedRecordByteLimit()): Promise<Buffer> {
  if (file.size > limit && !file.entryPath.toLowerCase().endsWith('.gz')) throw recordTooLarge(limit);
  const stream = await openDecoded(file);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      length += (chunk as Buffer).length;
      if (length > limit) throw recordTooLarge(limit);
      parts.push(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts, length);
}

/**
 * Text lines without their line ends, numbered; a missing final newline is fine. A line
 * over the line limit is skipped with a warning naming `file:line`.
 */
export async function* readLines(file: FeedFile, ctx: FeedContext): AsyncGenerator<NumberedLine> {
  const stream = await openDecoded(file);
  try {
    yield* boundedLines(stream, file.name, ctx);
  } finally {
    stream.destroy();
  }
}

/** The first `maxBytes` of (decompressed) text, for sniffing a format without reading it all. */
export async function readHead(file: FeedFile, maxBytes = 64 * 1024): Promise<string> {
  const stream = await openDecoded(file);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      parts.push(toBuffer(chunk));
      length += parts[parts.length - 1].length;
      if (length >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, maxBytes).toString('utf8');
}

function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

/** A whole (decompressed) JSON file, parsed; a UTF-8 byte-order mark is tolerated. */
export async function readJson(file: FeedFile, limit?: number): Promise<unknown> {
  return JSON.parse((await readDecoded(file, limit)).toString('utf8').replace(/^\uFEFF/, ''));
}

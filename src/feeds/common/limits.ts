/**
 * What one feed file may cost `bundle build`. Feed files come from the network (or a
 * mirror someone else runs), so each is read under these bounds, as the image side reads
 * layers under its bomb limits (src/image/decompress.ts). Each limit is a named default
 * that an environment variable replaces, as AIRLOCK_MAX_LAYER_BYTES does for layers.
 */
import { InputError } from '../../errors.js';
import { RecordError } from './values.js';

/** A line of a line-oriented feed (EPSS CSV, Debian tracker lists): real lines are under 1 KiB. */
export const FEED_MAX_LINE_BYTES = 1 << 20;
/** One record read whole (an OSV or CVE 5 file, a zip or tar entry, an NVD element), decompressed. */
export const FEED_MAX_RECORD_BYTES = 64 << 20;
/** Array elements in one record, all levels together (OSV `affected`, their ranges and versions, ...). */
export const FEED_MAX_RECORD_ENTRIES = 100_000;
/** A compressed feed file may expand to this plus FEED_EXPANSION_RATIO times its own size. */
export const FEED_EXPANSION_BASE_BYTES = 1024 ** 3;
/** Real feeds compress 4-30x (NVD year files about 20x). */
export const FEED_EXPANSION_RATIO = 200;

function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 && process.env[name]?.trim() !== '' ? value : fallback;
}

export const feedLineLimit = () => fromEnv('AIRLOCK_MAX_FEED_LINE_BYTES', FEED_MAX_LINE_BYTES);
export const feedRecordByteLimit = () => fromEnv('AIRLOCK_MAX_FEED_RECORD_BYTES', FEED_MAX_RECORD_BYTES);
export const feedRecordEntryLimit = () => fromEnv('AIRLOCK_MAX_FEED_RECORD_ENTRIES', FEED_MAX_RECORD_ENTRIES);

/** How many decompressed bytes a feed file of `compressedBytes` may produce. */
export function feedExpansionLimit(compressedBytes: number): number {
  return fromEnv('AIRLOCK_MAX_FEED_FILE_BYTES', FEED_EXPANSION_BASE_BYTES + compressedBytes * FEED_EXPANSION_RATIO);
}

/** A record over the byte or entry limit: skipped with a warning, the rest of the file is read. */
export class OversizedRecordError extends RecordError {}

export function recordTooLarge(limit: number): OversizedRecordError {
  return new OversizedRecordError(
    `larger than ${limit} bytes once decompressed; skipped (AIRLOCK_MAX_FEED_RECORD_BYTES raises the limit)`,
  );
}

/**
 * A file that is not what it claims to be (a `.gz` that is not gzip, truncated data) or
 * that decompresses past its bound: the whole file is in doubt, so the build stops on it.
 */
export class FeedArchiveError extends InputError {}

/** Rethrows what must stop the build; importers call it first in their per-record catch. */
export function rethrowFileErrors(cause: unknown): void {
  if (cause instanceof FeedArchiveError) throw cause;
}

/**
 * Throws when `value` holds more array elements than the entry limit, counted without
 * recursion so a deep or wide record cannot overflow the stack here.
 */
export function checkRecordEntries(value: unknown): void {
  const limit = feedRecordEntryLimit();
  let entries = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    const children = Array.isArray(next) ? next : Object.values(next);
    if (Array.isArray(next)) entries += next.length;
    if (entries > limit)
      throw new OversizedRecordError(
        `more than ${limit} list entries in one record; skipped (AIRLOCK_MAX_FEED_RECORD_ENTRIES raises the limit)`,
      );
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push(child);
  }
}

/** One feed shipped as a single document parsed whole (Debian's tracker JSON, about 80 MB today; a secdb). */
export const FEED_MAX_DOCUMENT_BYTES = 256 << 20;
export const feedDocumentByteLimit = () => fromEnv('AIRLOCK_MAX_FEED_DOCUMENT_BYTES', FEED_MAX_DOCUMENT_BYTES);

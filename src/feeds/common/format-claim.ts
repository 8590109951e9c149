/**
 * The claim of importers whose feeds are recognized by content: one sniff per file or archive,
 * shared by all of them (the feed walk asks `formatOf` once per path and dispatches), so a folder
 * mixing NVD pages, CVE 5 records and EPSS files is read once, each file by its own importer.
 */
import { stat } from 'node:fs/promises';
import type { FormatClaim, SniffedFormat } from '../../advisories/model.js';
import { describeCause, InputError } from '../../errors.js';
import { readHead, readJson } from './decoded-stream.js';
import { feedExtension, walkFeedFiles, type FeedFile } from './feed-files.js';
import { isTarFeedName } from './feed-tar.js';
import { FeedArchiveError, feedRecordByteLimit, rethrowFileErrors } from './limits.js';
import { fileHeadBytes } from './file-head.js';
import { formatOfDocument, formatOfFile, formatOfHead, type FeedFormat } from './sniff.js';

const SNIFFABLE = new Set(['.json', '.json.gz', '.yaml', '.yml', '.csv', '.csv.gz']);
const JSON_EXTENSIONS = new Set(['.json', '.json.gz']);
/** Entries of an archive sampled for its format: publishers ship one format per archive. */
const ARCHIVE_SAMPLE = 64;
/** Above this a JSON file is judged by its head (a yearly NVD feed), as `formatOfFile` does. */
const PARSE_LIMIT = 8 * 1024 * 1024;

export function formatClaim(...formats: FeedFormat[]): FormatClaim {
  return { formats, formatOf: sniffFeedPath };
}

/** The format of a plain file or archive (zip by content, tar by name); directories have none. */
export async function sniffFeedPath(path: string): Promise<SniffedFormat> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return {};
  const zip = await isZip(path);
  // A file named as a zip that is not one is an error naming it, never a file passed over unread.
  if (!zip && path.toLowerCase().endsWith('.zip'))
    throw new FeedArchiveError(path, 'not a readable zip archive: it does not start with a zip signature');
  if (isTarFeedName(path) || zip) return sniffArchive(path);
  if (!SNIFFABLE.has(feedExtension(path))) return {};
  for await (const file of walkFeedFiles(path)) return sniffFile(file);
  return {};
}

async function sniffArchive(path: string): Promise<SniffedFormat> {
  let sampled = 0;
  try {
    for await (const file of walkFeedFiles(path, { entriesPerZip: ARCHIVE_SAMPLE })) {
      if (!SNIFFABLE.has(feedExtension(file.entryPath))) continue;
      const { format } = await sniffFile(file);
      if (format) return { format };
      if (++sampled >= ARCHIVE_SAMPLE) break;
    }
  } catch (cause) {
    // A file that is not the archive it claims to be fails the build, as its importer would.
    rethrowFileErrors(cause);
    if (cause instanceof InputError && cause.file === path) throw cause;
    return { problem: `unreadable archive: ${describeCause(cause)}` };
  }
  return {};
}

/**
 * JSON is parsed whole (as `formatOfFile` does: a schema names the same keys as the data), so a
 * truncated or corrupt JSON file is reported here instead of passing unseen; other kinds are
 * judged as `formatOfFile` judges them.
 */
async function sniffFile(file: FeedFile): Promise<SniffedFormat> {
  if (!JSON_EXTENSIONS.has(feedExtension(file.entryPath))) return { format: await formatOfFile(file) };
  try {
    if (file.size > PARSE_LIMIT) {
      const byHead = formatOfHead(await readHead(file, 64 * 1024));
      // A record whose head is one long list (200,000 `affected` entries first) says nothing
      // there; within the record limit it is parsed whole, so it is neither missed nor silent.
      if (byHead || file.size > feedRecordByteLimit()) return { format: byHead };
    }
    return { format: formatOfDocument(await readJson(file)) };
  } catch (cause) {
    rethrowFileErrors(cause);
    return { problem: `unreadable JSON: ${describeCause(cause)}` };
  }
}

async function isZip(path: string): Promise<boolean> {
  const head = await fileHeadBytes(path, 4).catch(() => Buffer.alloc(0));
  return head.length === 4 && head.readUInt32LE(0) === 0x04034b50;
}

/**
 * Walks a feed the way publishers ship them: a single file, a directory tree, a zip
 * (osv.dev's `<Ecosystem>/all.zip`, NVD's `.json.zip`), a tar (Red Hat's CSAF
 * `.tar.zst`, feed-tar.ts), or such archives inside a directory.
 * Zip entries are read one at a time with node-stream-zip, so a large archive is never
 * held in memory; only its central directory is.
 */
import { createReadStream, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import StreamZip from 'node-stream-zip';
import { InputError, describeCause } from '../../errors.js';
import { isTarFeedName, walkTar } from './feed-tar.js';
import type { FeedFile, WalkOptions } from './feed-file.js';
import { fileHeadBytes } from './file-head.js';
import { RecordError } from './values.js';

export type { FeedFile, WalkOptions } from './feed-file.js';

export async function* walkFeedFiles(root: string, options: WalkOptions = {}): AsyncGenerator<FeedFile> {
  const info = await statOrThrow(root);
  if (info.isDirectory()) {
    yield* walkDirectory(root, options);
  } else if (await isZipFile(root)) {
    yield* walkZip(root, options);
  } else if (isTarFeedName(root)) {
    yield* walkTar(root, info.size, options);
  } else {
    yield plainFile(root, info.size);
  }
}

async function* walkDirectory(dir: string, options: WalkOptions): AsyncGenerator<FeedFile> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new InputError(dir, `cannot list directory: ${describeCause(cause)}`, { cause });
  }
  // Sorted so imports are reproducible; dot-entries (.git, .DS_Store) are never feed data.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walkDirectory(full, options);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.zip')) yield* walkZip(full, options);
    else if (entry.isFile() && isTarFeedName(entry.name)) yield* walkTar(full, (await stat(full)).size, options);
    else if (entry.isFile()) yield plainFile(full, (await stat(full)).size);
  }
}

async function* walkZip(file: string, options: WalkOptions): AsyncGenerator<FeedFile> {
  // Names are checked here, entry by entry: node-stream-zip's own check fails the whole archive on one bad name.
  const zip = new StreamZip.async({ file, storeEntries: true, skipEntryNameValidation: true });
  try {
    let entries: StreamZip.ZipEntry[];
    try {
      entries = Object.values(await zip.entries());
    } catch (cause) {
      throw new InputError(file, `not a readable zip archive: ${describeCause(cause)}`, { cause });
    }
    const files = entries.filter((entry) => entry.isFile).sort((a, b) => (a.name < b.name ? -1 : 1));
    const limit = options.entriesPerZip ?? files.length;
    for (const entry of files.slice(0, limit)) {
      const unsafe = unsafeEntryName(entry.name);
      if (unsafe) {
        options.warn?.({ file: `${file}!${entry.name}`, message: `zip entry ${unsafe}; skipped` });
        continue;
      }
      yield zipEntryFile(zip, file, entry);
    }
  } finally {
    await zip.close().catch(() => undefined);
  }
}

function zipEntryFile(zip: InstanceType<typeof StreamZip.async>, file: string, entry: StreamZip.ZipEntry): FeedFile {
  const name = `${file}!${entry.name}`;
  const open = async () => sizeChecked((await zip.stream(entry)) as Readable, entry.size);
  return {
    name,
    entryPath: entry.name,
    size: entry.size,
    // A zero DOS date (0x0000) is no date at all; node-stream-zip makes it NaN.
    zipTime: Number.isFinite(entry.time) && entry.time > 0 ? new Date(entry.time) : undefined,
    read: async () => {
      const parts: Buffer[] = [];
      for await (const chunk of await open()) parts.push(chunk as Buffer);
      return Buffer.concat(parts);
    },
    open,
  };
}

function plainFile(file: string, size: number): FeedFile {
  return {
    name: file,
    entryPath: file,
    size,
    read: () => readFile(file),
    open: async () => createReadStream(file),
  };
}

async function statOrThrow(file: string) {
  try {
    return await stat(file);
  } catch (cause) {
    throw new InputError(file, `cannot read feed path: ${describeCause(cause)}`, { cause });
  }
}

/**
 * Why a zip entry name cannot be a feed file's, or undefined: names that climb out
 * (`../`), are absolute or carry a drive or backslashes are not what any publisher writes.
 */
function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\\')) return 'name has a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'name is absolute';
  if (name.split('/').includes('..')) return 'name climbs out of the archive (..)';
  if (name.includes('\0')) return 'name has a NUL byte';
  return undefined;
}

/**
 * The entry's inflated bytes, held to the size its central directory declares: with
 * the data-descriptor flag set node-stream-zip checks neither size nor CRC, so an entry
 * declaring 1 KiB could inflate to hundreds of megabytes.
 */
function sizeChecked(stream: Readable, declared: number): Readable {
  async function* checked(): AsyncGenerator<Buffer> {
    let total = 0;
    try {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > declared)
          throw new ZipEntrySizeError(`zip entry inflates to more than the ${declared} bytes it declares`);
        yield chunk as Buffer;
      }
    } finally {
      stream.destroy();
    }
    if (total !== declared)
      throw new ZipEntrySizeError(`zip entry inflates to ${total} bytes, not the ${declared} it declares`);
  }
  return Readable.from(checked(), { objectMode: false });
}

/** An entry whose data does not match its header: that entry is skipped, the archive read on. */
export class ZipEntrySizeError extends RecordError {}

/** Zip by content, so a renamed archive is still walked. */
async function isZipFile(file: string): Promise<boolean> {
  const head = await fileHeadBytes(file, 4);
  return head.length === 4 && head.readUInt32LE(0) === 0x04034b50;
}

/** Lower-cased file extension(s) that matter to feed readers, e.g. `.json`, `.json.gz`, `.yaml`. */
export function feedExtension(entryPath: string): string {
  const base = path.posix.basename(entryPath.replace(/\\/g, '/')).toLowerCase();
  const match = /(\.[a-z0-9]+)(\.gz)?$/.exec(base);
  return match ? match[0] : '';
}

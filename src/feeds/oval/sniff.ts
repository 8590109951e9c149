/**
 * Which OVAL publisher a file comes from, judged by its head: the root element and the
 * generator's product name (every distro's OVAL names its generator in the first lines).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FeedFile } from '../common/feed-files.js';
import { readHead } from '../common/decoded-stream.js';
import { isTarFeedName } from '../common/feed-tar.js';
import { fileHeadBytes } from '../common/file-head.js';

/**
 * `path` as one feed file when it is a plain (or gzip/bzip2-compressed) file: archives
 * (zip, tar) are never opened to sniff, so detection stays one short read per file.
 */
export async function singleFeedFile(path: string): Promise<FeedFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || isTarFeedName(path)) return undefined;
  const head = await fileHeadBytes(path, 4).catch(() => Buffer.alloc(0));
  if (head.length === 4 && head.readUInt32LE(0) === 0x04034b50) return undefined;
  return {
    name: path,
    entryPath: path,
    size: info.size,
    read: () => readFile(path),
    open: async () => createReadStream(path),
  };
}

export interface OvalHead {
  /** The generator's product name; '' when the head names none. */
  product: string;
  /** The opening text, for publishers recognized by their ids (`oval:com.oracle.elsa:`). */
  text: string;
}

export async function ovalHeadOfFile(file: FeedFile): Promise<OvalHead | undefined> {
  let head: string;
  try {
    head = await readHead(file, 16 * 1024);
  } catch {
    return undefined;
  }
  if (!/<(?:[\w-]+:)?oval_definitions[\s>]/.test(head)) return undefined;
  const product = /<(?:[\w-]+:)?product_name>([^<]*)</.exec(head);
  return { product: product ? product[1].trim() : '', text: head };
}

/** The head of `path` when it is a single OVAL file; undefined for anything else (directories included). */
export async function ovalHeadOf(path: string): Promise<OvalHead | undefined> {
  const file = await singleFeedFile(path);
  return file ? ovalHeadOfFile(file) : undefined;
}

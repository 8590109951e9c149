/**
 * Which OVAL publisher a file comes from, judged by its head: the root element and the
 * generator's product name (every distro's OVAL names its generator in the first lines).
 */
import { stat } from 'node:fs/promises';
import { walkFeedFiles, type FeedFile } from '../common/feed-files.js';
import { readHead } from '../common/decoded-stream.js';

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
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  try {
    for await (const file of walkFeedFiles(path, { entriesPerZip: 1 })) return await ovalHeadOfFile(file);
  } catch {
    return undefined;
  }
  return undefined;
}

import type { FeedContext } from '../../advisories/model.js';
import { describeCause } from '../../errors.js';
import { readJson } from './decoded-stream.js';
import { rethrowFileErrors } from './limits.js';
import { feedExtension, walkFeedFiles, type FeedFile } from './feed-files.js';
import { formatOfDocument, type FeedFormat } from './sniff.js';
import { isObject } from './values.js';

/**
 * The JSON documents of one feed format under `path` (files, directories, zips; gzip
 * too). Unreadable JSON is a counted warning; documents of another format sharing the
 * folder (schemas, index files, other feeds) are passed over silently.
 */
export async function* jsonDocumentsOf(
  path: string,
  format: FeedFormat,
  ctx: FeedContext,
): AsyncGenerator<{ file: FeedFile; doc: Record<string, unknown> }> {
  for await (const file of walkFeedFiles(path, { warn: (w) => ctx.warn(w) })) {
    const ext = feedExtension(file.entryPath);
    if (ext !== '.json' && ext !== '.json.gz') continue;
    let doc: unknown;
    try {
      doc = await readJson(file);
    } catch (cause) {
      rethrowFileErrors(cause);
      ctx.warn({ file: file.name, message: `unreadable JSON: ${describeCause(cause)}` });
      continue;
    }
    if (formatOfDocument(doc) === format && isObject(doc)) yield { file, doc };
  }
}

/**
 * A plain feed file read whole as text (importers that parse one document per file),
 * refused before reading when it is larger than the document limit: a multi-gigabyte
 * file would otherwise fail deep in V8 (a string too long) or exhaust memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { OversizedRecordError, feedDocumentByteLimit } from './limits.js';

export async function readWholeDocument(file: string): Promise<string> {
  const limit = feedDocumentByteLimit();
  const { size } = await stat(file);
  if (size > limit)
    throw new OversizedRecordError(
      `${size} bytes, larger than the ${limit}-byte document limit (AIRLOCK_MAX_FEED_DOCUMENT_BYTES raises it)`,
    );
  return readFile(file, 'utf8');
}

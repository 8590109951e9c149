/**
 * Reads one OSV file. YAML is parsed with the failsafe schema so every scalar stays a
 * string: an unquoted `fixed: 1.10` must not turn into the number 1.1, nor an unquoted
 * timestamp into a Date.
 */
import { parse as parseYaml } from 'yaml';
import { readDecoded } from '../common/decoded-stream.js';
import { feedExtension, type FeedFile } from '../common/feed-files.js';
import { checkRecordEntries } from '../common/limits.js';

export async function parseOsvFile(file: FeedFile): Promise<unknown> {
  const content = (await readDecoded(file)).toString('utf8').replace(/^\uFEFF/, '');
  const ext = feedExtension(file.entryPath);
  const doc: unknown =
    ext === '.yaml' || ext === '.yml'
      ? parseYaml(content, { schema: 'failsafe', logLevel: 'error' })
      : JSON.parse(content);
  // A record of 200,000 `affected` entries is not a real advisory, and costs every later step.
  checkRecordEntries(doc);
  return doc;
}

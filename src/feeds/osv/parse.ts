/**
 * Reads one OSV file. YAML is parsed with the failsafe schema so every scalar stays a
 * string: an unquoted `fixed: 1.10` must not turn into the number 1.1, nor an unquoted
 * timestamp into a Date.
 */
import { parse as parseYaml } from 'yaml';
import { readDecoded } from '../common/decoded-stream.js';
import { feedExtension, type FeedFile } from '../common/feed-files.js';

export async function parseOsvFile(file: FeedFile): Promise<unknown> {
  const content = (await readDecoded(file)).toString('utf8').replace(/^\uFEFF/, '');
  const ext = feedExtension(file.entryPath);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(content, { schema: 'failsafe' });
  return JSON.parse(content);
}

/**
 * Importer for Alpine's secdb: one branch file per call (`v3.8/main.yaml`,
 * `v3.20/main.json`) or one vuln-list split package file
 * (`alpine/3.20/main/openssl.json`). Recognized by content, not by path.
 */
import { fetchedDataDate } from '../common/fetched-date.js';
import { stat } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { alpineAdvisories } from './convert.js';
import { fileHead } from '../common/file-head.js';
import { readWholeDocument } from '../common/whole-document.js';

const NAME = 'alpine-secdb';
const HEAD_BYTES = 64 * 1024;

/** Branch file (YAML or JSON): distroversion and packages near the top. Split file: name then secfixes first. */
function looksLikeSecdb(head: string): boolean {
  if (/^distroversion:/m.test(head) && /^packages:/m.test(head)) return true;
  if (/"distroversion"\s*:/.test(head) && /"packages"\s*:/.test(head)) return true;
  return /^\s*\{\s*"name"\s*:\s*"[^"]*"\s*,\s*"secfixes"\s*:/.test(head);
}

export const importer: FeedImporter = {
  name: NAME,

  async detect(entry: string): Promise<boolean> {
    if (!/\.(ya?ml|json)$/.test(entry) || !(await stat(entry).catch(() => undefined))?.isFile()) return false;
    return looksLikeSecdb(await fileHead(entry, HEAD_BYTES));
  },

  async *read(file: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    let doc: unknown;
    try {
      const text = await readWholeDocument(file);
      // Failsafe schema: every scalar stays a string, so a version key like `1.10` is not read as the number 1.1.
      doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { schema: 'failsafe', logLevel: 'error' });
    } catch (error) {
      ctx.warn({
        file,
        message: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]}); skipped`,
      });
      return;
    }
    for (const advisory of alpineAdvisories(doc, file, ctx, NAME)) yield { kind: 'advisory', advisory };
    // secdb files carry no date: what `feeds fetch` recorded, else unknown (never the mtime).
    const fetched = await fetchedDataDate(file);
    if (fetched) yield { kind: 'data-date', date: fetched };
  },
};

/**
 * Importer for the Debian security tracker's JSON export, one file
 * (`debian.json`, ~80 MB when complete). Recognized by its shape: an object of
 * source packages, each an object of CVE/TEMP ids.
 */
import { stat } from 'node:fs/promises';
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { trackerJsonAdvisories } from './convert.js';
import { fileHead } from '../common/file-head.js';
import { fetchedDataDate } from '../common/fetched-date.js';
import { readWholeDocument } from '../common/whole-document.js';

const NAME = 'debian-tracker-json';
const SHAPE = /^\s*\{\s*"[^"]+"\s*:\s*\{\s*"(?:CVE|TEMP)-[^"]*"\s*:\s*\{/;

export const importer: FeedImporter = {
  name: NAME,

  async detect(entry: string): Promise<boolean> {
    if (!entry.endsWith('.json') || !(await stat(entry).catch(() => undefined))?.isFile()) return false;
    return SHAPE.test(await fileHead(entry, 4096));
  },

  async *read(file: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    let data: unknown;
    try {
      data = JSON.parse(await readWholeDocument(file));
    } catch (error) {
      ctx.warn({ file, message: `not valid JSON (${(error as Error).message}); skipped` });
      return;
    }
    for (const advisory of trackerJsonAdvisories(data, file, ctx, NAME)) yield { kind: 'advisory', advisory };
    // The export carries no date of its own: what `feeds fetch` recorded, else unknown (never the mtime).
    const fetched = await fetchedDataDate(file);
    if (fetched) yield { kind: 'data-date', date: fetched };
  },
};

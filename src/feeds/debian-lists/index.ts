/**
 * Importer for the Debian security tracker's own text files: a checkout of the
 * tracker repository (or its `data/` folder) holding `data/CVE/list`,
 * `data/DSA/list` and/or `data/DLA/list`. DSA/DLA entries are read first so
 * each CVE entry can take its stable-release fixes from them; CVEs known only
 * from a DSA/DLA become advisories of their own.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedContext, FeedImporter, FeedRecord } from '../../advisories/model.js';
import { advisoryEntries, cveEntries } from './list-file.js';
import { ReleaseFixIndex } from './release-fixes.js';
import { advisoriesFromFixesOnly, resolveTrackerAdvisory } from './resolve.js';
import { fetchedDataDate } from '../common/fetched-date.js';

const NAME = 'debian-lists';

/** The `data/` folder of a tracker checkout, whether given the checkout or the folder itself. */
async function listFiles(root: string): Promise<{ cve?: string; dsa?: string; dla?: string } | undefined> {
  for (const dataDir of [path.join(root, 'data'), root]) {
    const found: { cve?: string; dsa?: string; dla?: string } = {};
    for (const kind of ['CVE', 'DSA', 'DLA'] as const) {
      const file = path.join(dataDir, kind, 'list');
      if ((await stat(file).catch(() => undefined))?.isFile())
        found[kind.toLowerCase() as 'cve' | 'dsa' | 'dla'] = file;
    }
    if (found.cve || found.dsa || found.dla) return found;
  }
  return undefined;
}

export const importer: FeedImporter = {
  name: NAME,

  async detect(entry: string): Promise<boolean> {
    return (await listFiles(entry)) !== undefined;
  },

  async *read(entry: string, ctx: FeedContext): AsyncIterable<FeedRecord> {
    const files = await listFiles(entry);
    if (!files) return;
    const fixes = new ReleaseFixIndex();
    for (const file of [files.dsa, files.dla]) {
      if (file) for await (const advisory of advisoryEntries(file, ctx)) fixes.add(advisory);
    }
    if (files.cve) {
      for await (const cve of cveEntries(files.cve, ctx)) {
        const advisory = resolveTrackerAdvisory(cve, fixes.take(cve.id), NAME);
        if (advisory) yield { kind: 'advisory', advisory };
      }
    }
    for (const advisory of advisoriesFromFixesOnly(fixes, NAME)) yield { kind: 'advisory', advisory };
    // The lists carry no date of their own except the advisories'; a CVE list alone is dated by what
    // `feeds fetch` recorded for it, else unknown (never the mtime).
    const date = fixes.newestDate() ?? (files.cve ? await fetchedDataDate(files.cve) : undefined);
    if (date) yield { kind: 'data-date', date };
  },
};

/**
 * Test scaffolding: advisory databases built with the real build path
 * (`buildAdvisoryDatabase`) from the real feeds in ../shared/feeds. Each importer is
 * pinned to the feed folders named for it, so a test says exactly which public data its
 * database holds (and an importer that would claim a whole tree cannot swallow the rest).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeedImporter } from '../../advisories/model.js';
import { buildAdvisoryDatabase } from '../../db/build.js';
import { writeBundleMeta, type BundleMeta } from '../../db/bundle-meta.js';
import { openAdvisoryDb, type AdvisoryDb } from '../../db/open.js';
import { allImporters } from '../../feeds/registry.js';

export const FEEDS = path.resolve(process.cwd(), '../shared/feeds');

/**
 * The feed folders (relative to ../shared/feeds) each importer reads. Importers run in the
 * registry's preference order (src/feeds/registry.ts), as the bundle builder runs them.
 */
export const FEED_FOLDERS: Record<string, string[]> = {
  'debian-tracker-json': ['debian-tracker-json-excerpt'],
  'debian-vuln-list': ['debian-vuln-list-debian'],
  'debian-lists': ['debian-security-tracker-lists'],
  'alpine-secdb': ['alpine-secdb'],
  osv: ['ghsa-osv', 'go-vulndb-osv', 'pypa-osv', 'ubuntu-osv-samples'],
  'redhat-csaf': ['redhat-csaf-samples'],
  nvd: ['nvd'],
  cve5: ['nvd'],
  kev: ['cisa-kev'],
  epss: ['epss'],
};

/** The importer, answering `detect` only inside the given folders of `root`. */
function pinned(importer: FeedImporter, root: string, folders: string[]): FeedImporter {
  const claimed = folders.map((f) => path.join(root, f));
  const inside = (entry: string) => claimed.some((dir) => entry === dir || entry.startsWith(`${dir}${path.sep}`));
  return {
    name: importer.name,
    detect: async (entry) => inside(entry) && (await importer.detect(entry)),
    read: (entry, ctx) => importer.read(entry, ctx),
  };
}

export interface TestDb {
  file: string;
  db: AdvisoryDb;
  close(): Promise<void>;
}

/**
 * Builds a database from the named feed folders (all of them by default) into a
 * temporary file and opens it read-only, as scanning does. `stamp` writes bundle facts
 * into it, as `db import` does for a signed bundle.
 */
export async function buildFeedDb(only?: string[], stamp?: BundleMeta): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-match-db-'));
  const file = path.join(dir, 'advisories.db');
  const importers = allImporters.flatMap((importer) => {
    const folders = FEED_FOLDERS[importer.name] ?? [];
    const wanted = only ? folders.filter((f) => only.includes(f)) : folders;
    return wanted.length > 0 ? [pinned(importer, FEEDS, wanted)] : [];
  });
  await buildAdvisoryDatabase({ feedsDir: FEEDS, outFile: file, importers });
  if (stamp) {
    const writable = await openAdvisoryDb(file, { readonly: false });
    await writeBundleMeta(writable, stamp);
    await writable.destroy();
  }
  const db = await openAdvisoryDb(file, { readonly: true });
  return {
    file,
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Test scaffolding: an advisory database built with the real build path and every
 * registered importer from a feeds directory of its own, holding copies of the named
 * folders of ../shared/feed-samples/vunnel (real documents in formats read since issue 14)
 * and, optionally, of ../shared/feeds. Copies, not links: the feed walk does not follow
 * symlinks, as a bundle builder must not.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAdvisoryDatabase, type BuildResult } from '../../db/build.js';
import { openAdvisoryDb } from '../../db/open.js';
import { allImporters } from '../../feeds/registry.js';
import { FEEDS, type TestDb } from './feed-db.js';

export const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');

export interface SampleDb extends TestDb {
  build: BuildResult;
}

/**
 * `samples` relative to feed-samples/vunnel (`wolfi/test-fixtures/input/secdb`), `feeds` to
 * ../shared/feeds; `prepare` may add files of its own (copies under another name) first.
 */
export async function sampleDb(
  samples: string[],
  feeds: string[] = [],
  prepare?: (feedsDir: string) => void,
): Promise<SampleDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-sample-db-'));
  const feedsDir = path.join(dir, 'feeds');
  mkdirSync(feedsDir);
  for (const sample of samples)
    cpSync(path.join(SAMPLES, sample), path.join(feedsDir, 'samples', sample), { recursive: true });
  for (const feed of feeds) cpSync(path.join(FEEDS, feed), path.join(feedsDir, feed), { recursive: true });
  prepare?.(feedsDir);
  const file = path.join(dir, 'advisories.db');
  const build = await buildAdvisoryDatabase({ feedsDir, outFile: file, importers: allImporters });
  const db = await openAdvisoryDb(file, { readonly: true });
  return {
    file,
    db,
    build,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

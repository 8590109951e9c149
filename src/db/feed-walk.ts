/**
 * Finds the feeds in a directory tree by asking the importers, not by path
 * conventions: each importer is offered the directory, then its entries, until
 * it claims one.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedImporter } from '../advisories/model.js';

/** Deep enough for `alpine/3.20/main/<pkg>.json` below a mirror folder, without crawling a whole unclaimed tree. */
const MAX_DEPTH = 8;

/**
 * Offers `entry` to every importer still looking; one that claims it reads it
 * and looks no deeper there, the others go on into its children.
 */
export async function* claimedEntries(
  entry: string,
  importers: FeedImporter[],
  depth = 0,
): AsyncGenerator<{ path: string; importers: FeedImporter[] }> {
  const claimed: FeedImporter[] = [];
  for (const importer of importers) if (await importer.detect(entry)) claimed.push(importer);
  if (claimed.length > 0) yield { path: entry, importers: claimed };
  const stillLooking = importers.filter((i) => !claimed.includes(i));
  if (stillLooking.length === 0 || depth >= MAX_DEPTH || !(await stat(entry).catch(() => undefined))?.isDirectory()) return;
  const children = (await readdir(entry)).filter((name) => !name.startsWith('.')).sort();
  for (const child of children) yield* claimedEntries(path.join(entry, child), stillLooking, depth + 1);
}

/** `airlock base list` and `base rm`: the catalog as the store holds it. */
import { UserError } from '../../errors.js';
import type { SeverityCounts } from '../../findings/model.js';
import { shortDigest } from '../../store/images.js';
import { withCatalog } from './analyze.js';
import { removeCatalogEntries, type CatalogEntry } from '../../base/catalog.js';
import { findCatalogEntries } from '../../base/lookup.js';

/** One catalog entry as `base list --json` prints it. */
export interface BaseListEntry {
  name: string;
  repository: string;
  tag: string;
  /** The stored image's key (config digest). */
  digest: string;
  manifestDigest?: string;
  created?: string;
  os?: string;
  diffIds: string[];
  addedAt: string;
  /** Counts of its stored findings, as of `evaluatedSequence`. */
  counts: SeverityCounts;
  evaluatedSequence?: number;
}

export function toListEntry(e: CatalogEntry): BaseListEntry {
  return {
    name: e.name,
    repository: e.repository,
    tag: e.tag,
    digest: e.image.key,
    ...(e.image.manifestDigest ? { manifestDigest: e.image.manifestDigest } : {}),
    ...(e.created ? { created: e.created } : {}),
    ...(e.image.os ? { os: e.image.os } : {}),
    diffIds: e.diffIds,
    addedAt: e.addedAt,
    counts: e.image.counts,
    ...(e.image.evaluatedSequence !== undefined ? { evaluatedSequence: e.image.evaluatedSequence } : {}),
  };
}

export function listBaseImages(options: { storeFile?: string } = {}): Promise<BaseListEntry[]> {
  return withCatalog(options.storeFile, async (catalog) => catalog.map(toListEntry));
}

export interface RemovedBase {
  removed: BaseListEntry[];
  /** Snapshots that left the store with them (stored by `base add`, named by nothing else in the catalog). */
  removedSnapshots: string[];
}

/** `NAME` takes every build filed under it out of the catalog; a digest prefix, that build under every name. */
export async function removeBaseImages(ref: string, options: { storeFile?: string } = {}): Promise<RemovedBase> {
  return withCatalog(options.storeFile, async (catalog, store) => {
    const found = findCatalogEntries(catalog, ref);
    if (found.length === 0 || !store)
      throw new UserError(`${ref} is not in the base catalog`, { hint: 'airlock base list shows the catalog' });
    const { removedSnapshots } = await removeCatalogEntries(store, found);
    const keys = new Map(found.map((e) => [e.image.id, e.image.key]));
    return {
      removed: found.map(toListEntry),
      removedSnapshots: removedSnapshots.map((id) => shortDigest(keys.get(id)!)),
    };
  });
}

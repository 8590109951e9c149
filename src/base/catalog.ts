/**
 * The base-image catalog: stored snapshots (src/store/) filed under repository:tag with
 * their diff_id chains and build dates. An entry's findings, counts and re-evaluation after
 * `db import` are the store's; the catalog only adds what base detection and
 * recommendations need.
 */
import { listStoredImages, type StoredImage } from '../store/images.js';
import { writeTransaction, type SnapshotDb } from '../store/open.js';
import { repoTagName, type RepoTag } from './reference.js';

export interface CatalogEntry extends RepoTag {
  /** `repository:tag` */
  name: string;
  /** The image config's `created`, when it has one. */
  created?: string;
  diffIds: string[];
  /** True when `base add` stored the snapshot (it leaves with the entry's last name). */
  snapshotAdded: boolean;
  addedAt: string;
  /** The stored image: key, digests, os, current counts, evaluated sequence. */
  image: StoredImage;
}

export interface NewCatalogEntry extends RepoTag {
  imageId: number;
  created?: string;
  diffIds: string[];
  snapshotAdded: boolean;
  now: Date;
}

export async function addCatalogEntry(db: SnapshotDb, entry: NewCatalogEntry): Promise<void> {
  if (entry.diffIds.length === 0) throw new Error('a catalog entry needs at least one layer');
  const row = {
    repository: entry.repository,
    tag: entry.tag,
    image_id: entry.imageId,
    created: entry.created ?? null,
    diff_ids: JSON.stringify(entry.diffIds),
    first_diff_id: entry.diffIds[0],
    layer_count: entry.diffIds.length,
    snapshot_added: entry.snapshotAdded ? 1 : 0,
    added_at: entry.now.toISOString(),
  };
  await writeTransaction(db, async (trx) => {
    // Adding the same image under the same name again refreshes its facts, not its ownership.
    await trx
      .insertInto('base_image')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['repository', 'tag', 'image_id']).doUpdateSet({
          created: row.created,
          diff_ids: row.diff_ids,
          first_diff_id: row.first_diff_id,
          layer_count: row.layer_count,
          added_at: row.added_at,
        }),
      )
      .execute();
  });
}

/** Every entry, by name, newest build first within a name. */
export async function listCatalog(db: SnapshotDb): Promise<CatalogEntry[]> {
  const rows = await db.selectFrom('base_image').selectAll().execute();
  const images = new Map((await listStoredImages(db, [...new Set(rows.map((r) => r.image_id))])).map((i) => [i.id, i]));
  const entries = rows.flatMap((r): CatalogEntry[] => {
    const image = images.get(r.image_id);
    if (!image) return [];
    return [
      {
        repository: r.repository,
        tag: r.tag,
        name: repoTagName(r),
        ...(r.created ? { created: r.created } : {}),
        diffIds: JSON.parse(r.diff_ids) as string[],
        snapshotAdded: r.snapshot_added === 1,
        addedAt: r.added_at,
        image,
      },
    ];
  });
  return entries.sort((a, b) => cmp(a.name, b.name) || cmp(buildDate(b), buildDate(a)) || b.image.id - a.image.id);
}

/** What orders two builds of one tag: the config's `created`, else when it entered the catalog. */
export const buildDate = (e: Pick<CatalogEntry, 'created' | 'addedAt'>): string => e.created ?? e.addedAt;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Takes entries out of the catalog; a snapshot `base add` stored goes with the last entry
 * naming it, one stored by `airlock scan` stays among the stored images.
 */
export async function removeCatalogEntries(
  db: SnapshotDb,
  entries: CatalogEntry[],
): Promise<{ removedSnapshots: number[] }> {
  return writeTransaction(db, async (trx) => {
    for (const e of entries) {
      await trx
        .deleteFrom('base_image')
        .where('repository', '=', e.repository)
        .where('tag', '=', e.tag)
        .where('image_id', '=', e.image.id)
        .execute();
    }
    const removedSnapshots: number[] = [];
    for (const id of new Set(entries.filter((e) => e.snapshotAdded).map((e) => e.image.id))) {
      const left = await trx.selectFrom('base_image').select('image_id').where('image_id', '=', id).executeTakeFirst();
      if (left) continue;
      await trx.deleteFrom('image').where('id', '=', id).execute();
      removedSnapshots.push(id);
    }
    return { removedSnapshots };
  });
}

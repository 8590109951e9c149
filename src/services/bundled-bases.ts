/**
 * The service half of base images carried in a bundle (src/bundle/base-images.ts holds the
 * table): `bundle build --base-image` analyses each archive into an SBOM; `db import` files
 * every carried SBOM in the local catalog, stored with its findings against the database
 * that carried it.
 */
import { existsSync } from 'node:fs';
import { parseRepoTag, repoTagName } from '../base/reference.js';
import { addCatalogEntry, listCatalog, removeCatalogEntries } from '../base/catalog.js';
import type { BundledBase } from '../bundle/base-images.js';
import { InputError, UserError } from '../errors.js';
import { openSnapshotStore } from '../store/open.js';
import { imageKeyOf, isStorableName, saveSnapshot } from '../store/save.js';
import { matchSbomWithDatabase } from './match.js';
import { generateSbom } from './sbom.js';

/**
 * `--base-image [NAME=]PATH`: analyses each image archive; without NAME the archive's own
 * repository:tag (RepoTags / OCI ref name) names it.
 */
export async function analyzeBundledBases(specs: string[]): Promise<BundledBase[]> {
  const bases: BundledBase[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const input = eq > 0 ? spec.slice(eq + 1) : spec;
    const sbom = await generateSbom(input);
    if (sbom.image.layers.length === 0)
      throw new InputError(input, 'names no layers (diff_ids): a base image must be an image archive');
    const named = eq > 0 ? spec.slice(0, eq) : sbom.image.names.find(isStorableName);
    if (!named)
      throw new UserError(`${input} names no repository:tag of its own`, {
        hint: 'name it: --base-image debian:bookworm=PATH',
      });
    bases.push({ name: repoTagName(parseRepoTag(named, '--base-image')), sbom });
  }
  const names = bases.map((b) => b.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UserError(`--base-image names ${twice} twice`, { hint: 'a bundle carries one build per name' });
  return bases;
}

/**
 * Files each base in the catalog under its name, stored with its findings against `dbFile`
 * (the database that carried it). Builds filed under the same name before leave the catalog.
 */
export async function addBundledBases(
  bases: BundledBase[],
  options: { storeFile: string; dbFile: string; now?: Date },
): Promise<string[]> {
  if (bases.length === 0) return [];
  const now = options.now ?? new Date();
  const matched = [];
  for (const b of bases) {
    const { findings, database } = existsSync(options.dbFile)
      ? await matchSbomWithDatabase(b.sbom, options.dbFile, now)
      : { findings: [], database: { sequence: undefined } };
    matched.push({ ...b, findings, sequence: database.sequence });
  }
  const store = await openSnapshotStore(options.storeFile);
  try {
    for (const b of matched) {
      const named = parseRepoTag(b.name, 'base_catalog name');
      const before = await store
        .selectFrom('image')
        .select('id')
        .where('image_key', '=', imageKeyOf(b.sbom))
        .executeTakeFirst();
      const { id } = await saveSnapshot(store, {
        sbom: b.sbom,
        origin: 'layers',
        names: [b.name],
        findings: b.findings,
        sequence: b.sequence,
        now,
      });
      const replaced = (await listCatalog(store)).filter((e) => e.name === b.name && e.image.id !== id);
      if (replaced.length) await removeCatalogEntries(store, replaced);
      // As with `base add`: a snapshot `airlock scan` stored stays when the entry leaves.
      const owned =
        !before ||
        (await store
          .selectFrom('base_image')
          .select('image_id')
          .where('image_id', '=', id)
          .where('snapshot_added', '=', 1)
          .executeTakeFirst()) !== undefined;
      const diffIds = b.sbom.image.layers.map((l) => l.diffId);
      await addCatalogEntry(store, {
        ...named,
        imageId: id,
        created: b.sbom.image.created,
        diffIds,
        snapshotAdded: owned,
        now,
      });
    }
  } finally {
    await store.destroy();
  }
  return matched.map((b) => b.name);
}

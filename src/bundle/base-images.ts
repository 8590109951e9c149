/**
 * Base images that travel inside a signed advisory bundle (advisory schema 2, table
 * `base_catalog`): `bundle build --base-image` analyses each tarball on the connected side
 * and stores its SBOM in the payload database; `db import` files every row in the local
 * catalog as `base add` would, from the SBOM alone, replacing entries of the same name.
 * The rows are inside the signed payload, so they are trusted exactly as far as the
 * advisories are.
 */
import { existsSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { withSqlite } from './sqlite.js';
import { InputError, UserError } from '../errors.js';
import type { BaseCatalogTable } from '../db/schema.js';
import type { Sbom } from '../sbom/model.js';
import { matchSbomWithDatabase } from '../services/match.js';
import { generateSbom } from '../services/sbom.js';
import { openSnapshotStore } from '../store/open.js';
import { imageKeyOf, isStorableName, saveSnapshot } from '../store/save.js';
import { addCatalogEntry, listCatalog, removeCatalogEntries } from '../base/catalog.js';
import { parseRepoTag, repoTagName } from '../base/reference.js';

export interface BundledBase {
  /** `repository:tag` */
  name: string;
  sbom: Sbom;
}

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
    if (sbom.image.layers.length === 0) throw new InputError(input, 'names no layers (diff_ids): a base image must be an image archive');
    const named = eq > 0 ? spec.slice(0, eq) : sbom.image.names.find(isStorableName);
    if (!named) throw new UserError(`${input} names no repository:tag of its own`, { hint: 'name it: --base-image debian:bookworm=PATH' });
    bases.push({ name: repoTagName(parseRepoTag(named, '--base-image')), sbom });
  }
  const names = bases.map((b) => b.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UserError(`--base-image names ${twice} twice`, { hint: 'a bundle carries one build per name' });
  return bases;
}

/** Stores the bases in a database built at schema 2 or later (the table comes from db/migrations/0002). */
export async function writeBundledBases(dbFile: string, bases: BundledBase[]): Promise<void> {
  if (bases.length === 0) return;
  await withSqlite(dbFile, 'readwrite', async (db) => {
    if (!(await hasBaseCatalog(db))) throw new UserError(`${dbFile} has no base_catalog table: base images need advisory schema 2 or later`);
    await db.run('BEGIN');
    for (const b of bases) await db.run('INSERT OR REPLACE INTO base_catalog (name, sbom, created) VALUES (?, ?, ?)', [b.name, deflateSync(Buffer.from(JSON.stringify(b.sbom))), b.sbom.image.created ?? null]);
    await db.run('COMMIT');
  });
}

/** The bases an installed database carries, by name; none for a schema-1 database. */
export async function readBundledBases(dbFile: string): Promise<BundledBase[]> {
  return withSqlite(dbFile, 'readonly', async (db) => {
    if (!(await hasBaseCatalog(db))) return [];
    const rows = await db.all<Pick<BaseCatalogTable, 'name' | 'sbom'>>('SELECT name, sbom FROM base_catalog ORDER BY name');
    return rows.map((r) => {
      try {
        return { name: r.name, sbom: JSON.parse(inflateSync(r.sbom).toString('utf8')) as Sbom };
      } catch (err) {
        throw new InputError(dbFile, `base_catalog entry ${r.name} is not a compressed SBOM: ${(err as Error).message}`);
      }
    });
  });
}

/**
 * Files each base in the catalog under its name, stored with its findings against `dbFile`
 * (the database that carried it). Builds filed under the same name before leave the catalog.
 */
export async function addBundledBases(bases: BundledBase[], options: { storeFile: string; dbFile: string; now?: Date }): Promise<string[]> {
  if (bases.length === 0) return [];
  const now = options.now ?? new Date();
  const matched = [];
  for (const b of bases) {
    const { findings, database } = existsSync(options.dbFile) ? await matchSbomWithDatabase(b.sbom, options.dbFile, now) : { findings: [], database: { sequence: undefined } };
    matched.push({ ...b, findings, sequence: database.sequence });
  }
  const store = await openSnapshotStore(options.storeFile);
  try {
    for (const b of matched) {
      const named = parseRepoTag(b.name, 'base_catalog name');
      const before = await store.selectFrom('image').select('id').where('image_key', '=', imageKeyOf(b.sbom)).executeTakeFirst();
      const { id } = await saveSnapshot(store, { sbom: b.sbom, origin: 'layers', names: [b.name], findings: b.findings, sequence: b.sequence, now });
      const replaced = (await listCatalog(store)).filter((e) => e.name === b.name && e.image.id !== id);
      if (replaced.length) await removeCatalogEntries(store, replaced);
      // As with `base add`: a snapshot `airlock scan` stored stays when the entry leaves.
      const owned = !before || (await store.selectFrom('base_image').select('image_id').where('image_id', '=', id).where('snapshot_added', '=', 1).executeTakeFirst()) !== undefined;
      const diffIds = b.sbom.image.layers.map((l) => l.diffId);
      await addCatalogEntry(store, { ...named, imageId: id, created: b.sbom.image.created, diffIds, snapshotAdded: owned, now });
    }
  } finally {
    await store.destroy();
  }
  return matched.map((b) => b.name);
}

const hasBaseCatalog = async (db: { all<T>(sql: string, params?: unknown[]): Promise<T[]> }): Promise<boolean> =>
  (await db.all<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'base_catalog'"))[0].n > 0;

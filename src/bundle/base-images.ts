/**
 * Base images that travel inside a signed advisory bundle (advisory schema 2, table
 * `base_catalog`): `bundle build --base-image` analyses each tarball on the connected side
 * and stores its SBOM in the payload database; `db import` files every row in the local
 * catalog as `base add` would, from the SBOM alone (src/services/bundled-bases.ts),
 * replacing entries of the same name. The rows are inside the signed payload, so they are
 * trusted exactly as far as the advisories are. This file reads and writes the table.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { withSqlite } from './sqlite.js';
import { InputError, UserError } from '../errors.js';
import type { BaseCatalogTable } from '../db/schema.js';
import type { Sbom } from '../sbom/model.js';

export interface BundledBase {
  /** `repository:tag` */
  name: string;
  sbom: Sbom;
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

const hasBaseCatalog = async (db: { all<T>(sql: string, params?: unknown[]): Promise<T[]> }): Promise<boolean> =>
  (await db.all<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'base_catalog'"))[0].n > 0;

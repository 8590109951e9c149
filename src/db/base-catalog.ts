/**
 * The `base_catalog` table (db/migrations/0002_base_catalog.sql): base-image SBOMs a
 * bundle carries, zlib-compressed. The one module that writes it; src/bundle/base-images.ts
 * decides what goes in and what the rows mean.
 */
import { sql } from 'kysely';
import { UserError } from '../errors.js';
import { openAdvisoryDbAsIs, type AdvisoryDb } from './open.js';
import type { BaseCatalogTable } from './schema.js';

const hasBaseCatalog = async (db: AdvisoryDb): Promise<boolean> =>
  (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'base_catalog'`.execute(db)).rows[0].n > 0;

/** Stores the rows (replacing rows of the same name) in a database built at schema 2 or later. */
export async function writeBaseCatalog(dbFile: string, rows: BaseCatalogTable[]): Promise<void> {
  if (rows.length === 0) return;
  const db = await openAdvisoryDbAsIs(dbFile);
  try {
    if (!(await hasBaseCatalog(db))) throw new UserError(`${dbFile} has no base_catalog table: base images need advisory schema 2 or later`);
    await db.transaction().execute(async (trx) => {
      for (const row of rows) await trx.insertInto('base_catalog').values(row).onConflict((oc) => oc.column('name').doUpdateSet({ sbom: row.sbom, created: row.created })).execute();
    });
  } finally {
    await db.destroy();
  }
}

/** The rows by name; none for a schema-1 database. */
export async function readBaseCatalog(dbFile: string): Promise<Pick<BaseCatalogTable, 'name' | 'sbom'>[]> {
  const db = await openAdvisoryDbAsIs(dbFile, 'readonly');
  try {
    if (!(await hasBaseCatalog(db))) return [];
    return await db.selectFrom('base_catalog').select(['name', 'sbom']).orderBy('name').execute();
  } finally {
    await db.destroy();
  }
}

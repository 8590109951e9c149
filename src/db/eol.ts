/**
 * Release end-of-life dates (schema 4, table `eol`, from endoflife.date). A database built
 * before schema 4, or without endoflife.date data, has none: lookups then find nothing.
 */
import { sql } from 'kysely';
import type { AdvisoryDb } from './open.js';

export interface EolRow {
  product: string;
  release: string;
  codename?: string;
  eolDate?: string;
  isEol?: boolean;
}

async function hasEolTable(db: AdvisoryDb): Promise<boolean> {
  const found = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'eol'`.execute(db);
  return found.rows[0].n > 0;
}

/** The releases of these products (lower-case names), for matching a distro against them. */
export async function eolReleases(db: AdvisoryDb, products: string[]): Promise<EolRow[]> {
  if (products.length === 0 || !(await hasEolTable(db))) return [];
  const rows = await db.selectFrom('eol').selectAll().where('product', 'in', products).execute();
  return rows.map((r) => ({
    product: r.product,
    release: r.release,
    ...(r.codename ? { codename: r.codename } : {}),
    ...(r.eol_date ? { eolDate: r.eol_date } : {}),
    ...(r.is_eol === null ? {} : { isEol: r.is_eol === 1 }),
  }));
}

/** How many releases each product has, for `db status`. */
export async function eolProducts(db: AdvisoryDb): Promise<{ product: string; releases: number }[]> {
  if (!(await hasEolTable(db))) return [];
  const rows = await sql<{ product: string; n: number }>`select product, count(*) as n from eol group by product order by product`.execute(db);
  return rows.rows.map((r) => ({ product: r.product, releases: r.n }));
}

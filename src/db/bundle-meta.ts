/**
 * The bundle's own facts, stored inside the database it ships as key/value
 * rows of `bundle_meta`, so an imported database still says which signed
 * bundle it came from and until when it is fresh. This is the one module that writes
 * `bundle_meta` (0001_advisories.sql creates it): the build stamps it, the import adds
 * what it verified; src/bundle/meta.ts only reads it.
 */
import { sql } from 'kysely';
import { InputError } from '../errors.js';
import { openAdvisoryDbAsIs, type AdvisoryDb } from './open.js';

export interface BundleMeta {
  /** Monotonic bundle number; an import refuses to go backwards. */
  sequence: number;
  /** ISO 8601 timestamps. */
  created: string;
  expires: string;
  signerKeyId: string;
  formatVersion: number;
  schemaVersion: number;
}

const KEYS = {
  sequence: 'sequence',
  created: 'created',
  expires: 'expires',
  signerKeyId: 'signer_key_id',
  formatVersion: 'format_version',
  schemaVersion: 'schema_version',
} as const satisfies Record<keyof BundleMeta, string>;

const NUMERIC: (keyof BundleMeta)[] = ['sequence', 'formatVersion', 'schemaVersion'];

/** Replaces every bundle_meta row with `meta`, in one transaction. */
export async function writeBundleMeta(db: AdvisoryDb, meta: BundleMeta): Promise<void> {
  const rows = (Object.keys(KEYS) as (keyof BundleMeta)[]).map((field) => ({ key: KEYS[field], value: String(meta[field]) }));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('bundle_meta').execute();
    await trx.insertInto('bundle_meta').values(rows).execute();
  });
}

/**
 * Sets these `bundle_meta` keys (others stay) in the database file `file`, as it is — a
 * payload keeps the schema it was built at. A file without the table was not made by
 * airlock's migrations and is refused.
 */
export async function stampBundleMeta(file: string, entries: Record<string, string | undefined>): Promise<void> {
  const db = await openAdvisoryDbAsIs(file);
  try {
    const table = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'bundle_meta'`.execute(db);
    if (table.rows[0].n === 0) throw new InputError(file, 'has no bundle_meta table: not a database made by airlock (db/migrations)');
    await db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(entries)) {
        // A fact the manifest leaves out is not stored, not kept from the build.
        if (value === undefined) await trx.deleteFrom('bundle_meta').where('key', '=', key).execute();
        else await trx.insertInto('bundle_meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      }
    });
  } finally {
    await db.destroy();
  }
}

/**
 * The stored bundle facts; undefined when the database was never stamped by a
 * bundle (a freshly built one). A partial or garbled set is an InputError
 * naming `file`, since the database came from outside.
 */
export async function readBundleMeta(db: AdvisoryDb, file = 'advisory database'): Promise<BundleMeta | undefined> {
  const rows = await db.selectFrom('bundle_meta').selectAll().execute();
  if (rows.length === 0) return undefined;
  const values = new Map(rows.map((r) => [r.key, r.value]));
  const meta: Partial<Record<keyof BundleMeta, string | number>> = {};
  for (const field of Object.keys(KEYS) as (keyof BundleMeta)[]) {
    const raw = values.get(KEYS[field]);
    if (raw === undefined || raw === '') throw new InputError(file, `bundle_meta has no ${KEYS[field]}`);
    if (NUMERIC.includes(field)) {
      if (!/^\d+$/.test(raw)) throw new InputError(file, `bundle_meta ${KEYS[field]} is not a whole number: ${JSON.stringify(raw)}`);
      meta[field] = Number(raw);
    } else {
      meta[field] = raw;
    }
  }
  return meta as unknown as BundleMeta;
}

import { readMetaTable } from './meta.js';
import type { SqliteFile } from './sqlite.js';

/** The oldest airlock that can read bundles this airlock builds (format 1, advisory schema 1). */
export const MIN_READER_VERSION = '0.1.0';

/**
 * The schema version a database file declares: the newest applied migration when it has
 * `schema_migrations` (databases from src/db/), else `bundle_meta.schema_version`; the two
 * must agree when both exist. Undefined when it declares none.
 */
export async function schemaVersionOf(db: SqliteFile): Promise<number | undefined> {
  const tables = new Set(
    (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r.name),
  );
  const migrated = tables.has('schema_migrations')
    ? ((await db.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations'))[0].v ?? undefined)
    : undefined;
  const stamped = tables.has('bundle_meta') ? (await readMetaTable(db)).get('schema_version') : undefined;
  if (migrated !== undefined && stamped !== undefined && String(migrated) !== stamped) {
    throw new Error(`schema_migrations says version ${migrated} but bundle_meta says ${stamped}`);
  }
  return migrated ?? (stamped === undefined ? undefined : Number(stamped));
}

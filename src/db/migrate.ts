/**
 * Applies the frozen SQL files in `db/migrations/` (`NNNN_name.sql`) in order,
 * each in its own transaction, and records them in `schema_migrations`.
 * The files live outside `src/` so they never change with the code; both
 * `src/db/migrate.ts` and the compiled `dist/db/migrate.js` sit two levels
 * below the package root, where `db/` is shipped. Another database (the
 * snapshot store, `db/snapshots/`) passes its own folder and schema version.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { ADVISORY_SCHEMA_VERSION } from './schema-version.js';
import { splitSqlStatements } from './split-sql.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort();
  return names.map((name) => ({ version: Number(name.slice(0, 4)), name: name.replace(/\.sql$/, ''), file: path.join(dir, name) }));
}

/** The schema version recorded in the database; 0 for a database never migrated. */
export async function appliedSchemaVersion<DB>(db: Kysely<DB>): Promise<number> {
  const table = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'schema_migrations'`.execute(db);
  if (table.rows[0].n === 0) return 0;
  const row = await sql<{ v: number | null }>`select max(version) as v from schema_migrations`.execute(db);
  return row.rows[0].v ?? 0;
}

/** Brings the database to `expectedVersion` (the advisory schema by default). Returns the versions it applied. */
export async function migrateToLatest<DB>(db: Kysely<DB>, dir = MIGRATIONS_DIR, expectedVersion = ADVISORY_SCHEMA_VERSION): Promise<number[]> {
  const migrations = await listMigrations(dir);
  const newest = migrations.at(-1)?.version ?? 0;
  if (newest !== expectedVersion) {
    // A packaging bug, not a user error: the code and the shipped SQL disagree.
    throw new Error(`${dir} ends at version ${newest}, but the code expects schema version ${expectedVersion}`);
  }
  await sql`create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)`.execute(db);
  const current = await appliedSchemaVersion(db);
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version > current)) {
    const statements = splitSqlStatements(await readFile(migration.file, 'utf8'));
    await db.transaction().execute(async (trx) => {
      for (const statement of statements) await sql.raw(statement).execute(trx);
      await sql`insert into schema_migrations (version, name, applied_at) values (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
    });
    applied.push(migration.version);
  }
  return applied;
}

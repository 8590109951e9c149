/**
 * Opens an advisory database file as a typed kysely instance. A read-only open
 * is what scanning uses: the file must exist and carry a schema version this
 * build reads (src/db/schema-version.ts). A writable open creates the file when needed
 * and migrates it to the latest schema.
 */
import { access } from 'node:fs/promises';
import { Kysely } from 'kysely';
import sqlite3 from 'sqlite3';
import { InputError } from '../errors.js';
import { appliedSchemaVersion, migrateToLatest } from './migrate.js';
import type { AdvisorySchema } from './schema.js';
import { ADVISORY_SCHEMA_VERSION, OLDEST_READABLE_SCHEMA_VERSION, isReadableSchemaVersion } from './schema-version.js';
import { Sqlite3Dialect } from './sqlite3-dialect.js';

export type AdvisoryDb = Kysely<AdvisorySchema>;

export interface OpenOptions {
  readonly: boolean;
}

export async function openAdvisoryDb(file: string, options: OpenOptions): Promise<AdvisoryDb> {
  if (options.readonly) {
    try {
      await access(file);
    } catch (cause) {
      throw new InputError(file, 'advisory database not found', { cause });
    }
  }
  const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  const raw = await openRaw(file, mode);
  const db = new Kysely<AdvisorySchema>({ dialect: new Sqlite3Dialect(raw) });
  try {
    const version = await readVersion(db, file);
    if (options.readonly) {
      if (version === 0) throw new InputError(file, 'is not an airlock advisory database (no schema_migrations table)');
      if (!isReadableSchemaVersion(version)) throw schemaMismatch(file, version);
    } else {
      if (version > ADVISORY_SCHEMA_VERSION) throw schemaMismatch(file, version);
      await migrateToLatest(db);
    }
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * A database file as it is, for the bundle layer's own tables (bundle_meta): no migration
 * and no schema check, since a bundle's payload keeps the schema it was built at.
 */
export async function openAdvisoryDbAsIs(file: string, mode: 'readonly' | 'readwrite' = 'readwrite'): Promise<AdvisoryDb> {
  return new Kysely<AdvisorySchema>({ dialect: new Sqlite3Dialect(await openRaw(file, mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE)) });
}

function openRaw(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const raw = new sqlite3.Database(file, mode, (err) =>
      err ? reject(new InputError(file, `cannot open as SQLite database: ${err.message}`, { cause: err })) : resolve(raw),
    );
  });
}

/** The first query is where SQLite notices a file that is not a database. */
async function readVersion(db: AdvisoryDb, file: string): Promise<number> {
  try {
    return await appliedSchemaVersion(db);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(file, `is not a readable SQLite database (${detail})`, { cause });
  }
}

function schemaMismatch(file: string, version: number): InputError {
  const hint =
    version > ADVISORY_SCHEMA_VERSION
      ? 'The database was made by a newer airlock; upgrade airlock to read it.'
      : 'Import a bundle made for this airlock version.';
  return new InputError(file, `advisory database schema version ${version}, this airlock reads versions ${OLDEST_READABLE_SCHEMA_VERSION} to ${ADVISORY_SCHEMA_VERSION}`, { hint });
}

/**
 * Opens the snapshot store: its own SQLite file beside the advisory database, so that
 * `db import` (which swaps the advisory file with a rename) never touches it. WAL lets a
 * scan read while an import's re-evaluation writes; the busy timeout makes two writers
 * wait for each other briefly instead of failing.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { appliedSchemaVersion, migrateToLatest } from '../db/migrate.js';
import { Sqlite3Dialect } from '../db/sqlite3-dialect.js';
import { InputError } from '../errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type SnapshotSchema } from './schema.js';

export type SnapshotDb = Kysely<SnapshotSchema>;

export const SNAPSHOT_MIGRATIONS_DIR = fileURLToPath(new URL('../../db/snapshots/', import.meta.url));

/** How long one airlock waits for another's write transaction before giving up. */
export const BUSY_TIMEOUT_MS = 5000;

export async function openSnapshotStore(file: string): Promise<SnapshotDb> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) =>
      err
        ? reject(new InputError(file, `cannot open the snapshot store: ${err.message}`, { cause: err }))
        : resolve(db),
    );
  });
  raw.configure('busyTimeout', BUSY_TIMEOUT_MS);
  const db = new Kysely<SnapshotSchema>({ dialect: new Sqlite3Dialect(raw) });
  try {
    await sql`pragma journal_mode = wal`.execute(db);
    await sql`pragma synchronous = normal`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
    await migrate(db, file);
    return db;
  } catch (error) {
    await db.destroy();
    if (error instanceof InputError) throw error;
    throw new InputError(file, `is not a usable snapshot store (${(error as Error).message})`, { cause: error });
  }
}

async function migrate(db: SnapshotDb, file: string): Promise<void> {
  const version = await appliedSchemaVersion(db);
  if (version > SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      file,
      `snapshot store schema version ${version}, this airlock reads version ${SNAPSHOT_SCHEMA_VERSION}`,
      { hint: 'upgrade airlock to read it' },
    );
  }
  if (version === SNAPSHOT_SCHEMA_VERSION) return;
  try {
    await migrateToLatest(db, SNAPSHOT_MIGRATIONS_DIR, SNAPSHOT_SCHEMA_VERSION);
  } catch (error) {
    // Two processes creating the store at once: the other one's migration won.
    if ((await appliedSchemaVersion(db)) !== SNAPSHOT_SCHEMA_VERSION) throw error;
  }
}

/**
 * A write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE), so a
 * concurrent writer waits in the busy handler rather than failing on lock upgrade.
 */
export async function writeTransaction<T>(
  db: SnapshotDb,
  body: (trx: Kysely<SnapshotSchema>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await body(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

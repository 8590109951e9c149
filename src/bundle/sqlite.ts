import sqlite3 from 'sqlite3';

/**
 * The few promise-returning calls the bundle code makes on a SQLite file. The bundle
 * layer only touches `bundle_meta` and `source_meta` and runs integrity checks; the
 * advisory tables belong to `src/db/`.
 */
export interface SqliteFile {
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function openSqlite(file: string, mode: 'readonly' | 'readwrite'): Promise<SqliteFile> {
  const flags = mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE;
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, flags, (err) => {
      if (err) return reject(err);
      resolve({
        run: (sql, params = []) => new Promise((ok, fail) => db.run(sql, params, (e) => (e ? fail(e) : ok()))),
        all: <T>(sql: string, params: unknown[] = []) =>
          new Promise<T[]>((ok, fail) => db.all(sql, params, (e, rows) => (e ? fail(e) : ok(rows as T[])))),
        close: () => new Promise((ok, fail) => db.close((e) => (e ? fail(e) : ok()))),
      });
    });
  });
}

export async function withSqlite<T>(
  file: string,
  mode: 'readonly' | 'readwrite',
  body: (db: SqliteFile) => Promise<T>,
): Promise<T> {
  const db = await openSqlite(file, mode);
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

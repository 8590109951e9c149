import sqlite3 from 'sqlite3';
import { pathToFileURL } from 'node:url';

/**
 * An image's SQLite file is untrusted code as much as data: its schema can hold views,
 * triggers, generated columns and expression indexes that run when it is queried. So
 * it is opened read-only with untrusted schema off, temp storage kept in memory (never
 * in TMPDIR), and only a plain `Packages` table without generated columns is read,
 * under a deadline, a row budget and a value-size limit.
 */
export const SQLITE_LIMITS = {
  /** Wall-clock time the query may take; `db.interrupt()` ends it. rpm databases of real images read in well under a second. */
  deadlineMs: 10_000,
  /** Rows read at most: an RHEL image has hundreds of packages, the largest a few thousand. */
  maxRows: 100_000,
  /** Largest value (a header blob) accepted; real rpm headers are at most a few MiB. */
  maxValueBytes: 64 << 20,
  /** Page cache for the query, in KiB (temp tables of a sort live here too). */
  cacheKiB: 16 << 10,
};

/**
 * Calls `onBlob` with each header blob of rpm's sqlite database (`rpmdb.sqlite`, RHEL 9,
 * Fedora 33+, Amazon Linux 2023): table `Packages(hnum, blob)`. Rows are handed over one
 * at a time so only the parsed result of each is kept.
 *
 * The file is a temporary copy of the image's, in our own spill directory: it is opened
 * read-only and `immutable`, so SQLite neither locks it nor looks for the -wal/-shm
 * files rpm leaves beside it.
 */
export async function eachSqliteBlob(path: string, onBlob: (blob: Buffer) => void): Promise<void> {
  const db = await open(`${pathToFileURL(path).href}?mode=ro&immutable=1`);
  try {
    db.configure('limit', sqlite3.LIMIT_LENGTH, SQLITE_LIMITS.maxValueBytes);
    db.configure('limit', sqlite3.LIMIT_ATTACHED, 0);
    await exec(
      db,
      `PRAGMA trusted_schema = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -${SQLITE_LIMITS.cacheKiB}; PRAGMA mmap_size = 0; PRAGMA query_only = ON;`,
    );
    await checkPackagesTable(db);
    await eachRow(db, onBlob);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

function open(uri: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(uri, sqlite3.OPEN_READONLY | sqlite3.OPEN_URI, (err) =>
      err ? reject(new Error(`not a readable SQLite database (${err.message})`)) : resolve(db),
    );
  });
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) =>
    db.exec(sql, (err) => (err ? reject(new Error(`not a readable SQLite database (${err.message})`)) : resolve())),
  );
}

function all<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, (err, rows) =>
      err ? reject(new Error(`not a readable SQLite database (${err.message})`)) : resolve(rows as T[]),
    ),
  );
}

/** `Packages` must be one plain table whose columns are stored, not computed when read. */
async function checkPackagesTable(db: sqlite3.Database): Promise<void> {
  const objects = await all<{ type: string }>(
    db,
    "SELECT type FROM sqlite_schema WHERE name = 'Packages' COLLATE NOCASE AND type IN ('table', 'view')",
  );
  if (objects.length === 0) throw new Error('has no Packages table');
  if (objects.length > 1 || objects[0].type !== 'table')
    throw new Error(`its Packages is a ${objects[0].type}, not a table; not read`);
  const virtual = await all<{ sql: string | null }>(
    db,
    "SELECT sql FROM sqlite_schema WHERE name = 'Packages' COLLATE NOCASE",
  );
  if (/^\s*create\s+virtual\s/i.test(virtual[0]?.sql ?? ''))
    throw new Error('its Packages is a virtual table, not a table; not read');
  const columns = await all<{ name: string; hidden: number }>(db, 'PRAGMA table_xinfo(Packages)');
  const computed = columns.filter((c) => c.hidden === 2 || c.hidden === 3).map((c) => c.name);
  if (computed.length) throw new Error(`its Packages table has generated columns (${computed.join(', ')}); not read`);
}

function eachRow(db: sqlite3.Database, onBlob: (blob: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    let rows = 0;
    const deadline = setTimeout(() => {
      failure ??= new Error(`reading its Packages table took more than ${SQLITE_LIMITS.deadlineMs / 1000} s; stopped`);
      db.interrupt();
    }, SQLITE_LIMITS.deadlineMs);
    db.each(
      'SELECT blob FROM Packages ORDER BY hnum',
      (err, row: { blob: unknown }) => {
        if (err || failure) return;
        try {
          if (++rows > SQLITE_LIMITS.maxRows) {
            failure = new Error(`its Packages table has more than ${SQLITE_LIMITS.maxRows} rows; stopped`);
            db.interrupt();
            return;
          }
          if (!Buffer.isBuffer(row.blob)) throw new Error('Packages.blob is not a BLOB');
          onBlob(row.blob);
        } catch (e) {
          failure = e as Error;
        }
      },
      (err) => {
        clearTimeout(deadline);
        if (failure) reject(failure);
        else if (err) reject(new Error(`cannot read its Packages table (${err.message})`));
        else resolve();
      },
    );
  });
}

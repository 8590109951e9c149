import sqlite3 from 'sqlite3';
import { pathToFileURL } from 'node:url';

/**
 * Calls `onBlob` with each header blob of rpm's sqlite database (`rpmdb.sqlite`, RHEL 9,
 * Fedora 33+, Amazon Linux 2023): table `Packages(hnum, blob)`. Rows are handed over one
 * at a time so only the parsed result of each is kept.
 *
 * The file is a temporary copy of the image's: it is opened read-only and `immutable`,
 * so SQLite neither locks it nor looks for the -wal/-shm files rpm leaves beside it.
 */
export function eachSqliteBlob(path: string, onBlob: (blob: Buffer) => void): Promise<void> {
  const uri = `${pathToFileURL(path).href}?immutable=1`;
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(uri, sqlite3.OPEN_READONLY | sqlite3.OPEN_URI, (openError) => {
      if (openError) return reject(new Error(`not a readable SQLite database (${openError.message})`));
      let failure: Error | undefined;
      db.each(
        'SELECT blob FROM Packages ORDER BY hnum',
        (err, row: { blob: unknown }) => {
          if (err || failure) return;
          try {
            if (!Buffer.isBuffer(row.blob)) throw new Error('Packages.blob is not a BLOB');
            onBlob(row.blob);
          } catch (e) {
            failure = e as Error;
          }
        },
        (err) => {
          db.close(() => {
            if (err) reject(new Error(`cannot read its Packages table (${err.message})`));
            else if (failure) reject(failure);
            else resolve();
          });
        },
      );
    });
  });
}

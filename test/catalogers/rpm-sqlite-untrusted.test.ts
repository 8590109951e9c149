import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { eachSqliteBlob, SQLITE_LIMITS } from '../../src/catalogers/rpm/sqlite-db.js';

/** Direct checks of the rpmdb.sqlite guards that the CLI budget tests do not reach. */
const dir = mkdtempSync(join(tmpdir(), 'airlock-rpmdb-guards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function database(name: string, sql: string): Promise<string> {
  const file = join(dir, name);
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      db.exec(sql, (e) => db.close(() => (e ? reject(e) : resolve(file))));
    });
  });
}

describe('rpmdb.sqlite guards', () => {
  it('rpmdb-too-many-rows: a plain Packages table of more rows than any real image has stops at the row budget', async () => {
    const rows = SQLITE_LIMITS.maxRows + 1;
    const file = await database(
      'many-rows.sqlite',
      `CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) INSERT INTO Packages SELECT i, x'00' FROM n;`,
    );
    let seen = 0;
    await expect(eachSqliteBlob(file, () => void seen++)).rejects.toThrow(
      `its Packages table has more than ${SQLITE_LIMITS.maxRows} rows; stopped`,
    );
    expect(seen).toBe(SQLITE_LIMITS.maxRows);
  });

  it('rpmdb-virtual-table: a virtual Packages table is not read', async () => {
    const file = await database('virtual.sqlite', 'CREATE VIRTUAL TABLE Packages USING fts5(hnum, blob);');
    await expect(eachSqliteBlob(file, () => undefined)).rejects.toThrow(
      'its Packages is a virtual table, not a table; not read',
    );
  });

  it('rpmdb-no-packages: a database without Packages says so', async () => {
    const file = await database('empty.sqlite', 'CREATE TABLE Other (x);');
    await expect(eachSqliteBlob(file, () => undefined)).rejects.toThrow('has no Packages table');
  });
});

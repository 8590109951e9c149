import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRpmDatabase, rpmDbFormat, type RpmDbAnalysis } from './database.js';
import { rpmEvr } from './package.js';
import { ndbRpmDb } from './testdata/ndb-writer.js';
import {
  bdbRpmDb,
  buildRpms,
  rpmFiles,
  rpmQueryAll,
  sqliteBlobs,
  sqliteRpmDb,
  type RpmFixture,
} from './testdata/rpmdb-builder.js';

/** Our reading of a database in the shape of rpmQueryAll's `--qf` lines. */
function asQueryLines(db: RpmDbAnalysis): string[] {
  return db.packages
    .map((h) => `${h.name}\t${h.epoch ?? 0}:${h.version}-${h.release}\t${h.arch}\t${h.sourceRpm}\t${h.license}`)
    .sort();
}

let fixture: RpmFixture;
let sqlite: string;
let blobs: { hnum: number; blob: Buffer }[];

beforeAll(() => {
  fixture = buildRpms();
  sqlite = sqliteRpmDb(fixture, ['airlock-hello', 'airlock-tools', 'airlock-tools-doc']);
  blobs = sqliteBlobs(sqlite);
});
afterAll(() => fixture?.cleanup());

describe('rpm databases written by rpm 4.18', () => {
  it('knows each format by its file name, in both database directories', () => {
    expect(rpmDbFormat('/var/lib/rpm/rpmdb.sqlite')).toBe('sqlite');
    expect(rpmDbFormat('/usr/lib/sysimage/rpm/rpmdb.sqlite')).toBe('sqlite');
    expect(rpmDbFormat('/var/lib/rpm/Packages')).toBe('bdb');
    expect(rpmDbFormat('/usr/lib/sysimage/rpm/Packages.db')).toBe('ndb');
    expect(rpmDbFormat('/var/lib/rpm/Name')).toBeUndefined();
    expect(rpmDbFormat('/tmp/var/lib/rpm/Packages')).toBeUndefined();
  });

  it('sqlite: reads what rpm -qa reads, epoch, source rpm and license included', async () => {
    const db = await readRpmDatabase('sqlite', sqlite);
    expect(db.problems).toEqual([]);
    expect(asQueryLines(db)).toEqual(rpmQueryAll(sqlite, 'sqlite'));
    const hello = db.packages.find((h) => h.name === 'airlock-hello')!;
    expect(rpmEvr(hello)).toBe('2:1.2.3-4');
    expect(hello).toMatchObject({
      arch: 'noarch',
      license: 'MIT and (Apache-2.0 or BSD)',
      vendor: 'airlock tests',
      sourceRpm: 'airlock-hello-1.2.3-4.src.rpm',
    });
  });

  it('sqlite: file lists equal rpm -ql (BASENAMES joined to DIRNAMES)', async () => {
    const db = await readRpmDatabase('sqlite', sqlite);
    for (const name of ['airlock-hello', 'airlock-tools', 'airlock-tools-doc']) {
      const files = db.packages.find((h) => h.name === name)!.files.split('\n');
      expect(files.sort(), name).toEqual(rpmFiles(sqlite, 'sqlite', name).sort());
    }
    expect(db.packages.find((h) => h.name === 'airlock-tools')!.files.split('\n')).toHaveLength(301);
  });

  it('an empty sqlite database (rpm --initdb) has no packages', async () => {
    const empty = sqliteRpmDb(fixture, []);
    expect(await readRpmDatabase('sqlite', empty)).toEqual({ format: 'sqlite', packages: [], problems: [] });
  });

  for (const pageSize of [512, 4096, 16384]) {
    it(`Berkeley DB hash written by db_load (page size ${pageSize}): rpm's bdb_ro and airlock read the same packages`, async () => {
      const bdb = bdbRpmDb(fixture, blobs, pageSize);
      const expected = rpmQueryAll(sqlite, 'sqlite');
      expect(rpmQueryAll(bdb, 'bdb_ro')).toEqual(expected);
      const db = await readRpmDatabase('bdb', bdb);
      expect(db.problems).toEqual([]);
      expect(asQueryLines(db)).toEqual(expected);
      // 512-byte pages put every header on overflow pages; the 46 KB one overflows at any size.
      expect(
        db.packages
          .find((h) => h.name === 'airlock-tools')!
          .files.split('\n')
          .sort(),
      ).toEqual(rpmFiles(bdb, 'bdb_ro', 'airlock-tools').sort());
    });
  }

  it('Berkeley DB hash with one record leaves a bucket page unwritten (all zeros): read as empty, as db_dump does', async () => {
    const one = blobs.filter((b) => b.hnum === blobs[0].hnum);
    const bdb = bdbRpmDb(fixture, one, 4096);
    const dumped = execFileSync('db_dump', ['-p', bdb], { encoding: 'utf8' });
    expect(dumped.split('\n').filter((l) => l.startsWith(' ')).length).toBe(2); // one key, one value
    const db = await readRpmDatabase('bdb', bdb);
    expect(db.packages).toHaveLength(1);
    expect(db.problems).toEqual([]);
  });

  it('ndb Packages.db laid out as rpmpkg.c writes it: the same packages', async () => {
    const db = await readRpmDatabase('ndb', ndbRpmDb(fixture, blobs));
    expect(db.problems).toEqual([]);
    expect(asQueryLines(db)).toEqual(rpmQueryAll(sqlite, 'sqlite'));
  });
});

describe('damaged rpm databases', () => {
  it('a header blob that does not parse is skipped with a problem; the others are read', async () => {
    const copy = sqliteRpmDb(fixture, ['airlock-hello', 'airlock-tools', 'airlock-tools-doc']);
    execFileSync('sqlite3', [copy, "UPDATE Packages SET blob = x'0000000100000010' WHERE hnum = 2"]);
    const db = await readRpmDatabase('sqlite', copy);
    expect(db.packages).toHaveLength(2);
    expect(db.problems).toEqual([
      expect.stringMatching(/^package header 2: header of 8 bytes is truncated .*; skipped$/),
    ]);
  });

  it('an ndb blob that fails its Adler-32 checksum is skipped with a problem', async () => {
    const file = ndbRpmDb(fixture, blobs);
    const bytes = readFileSync(file);
    bytes[4096 + 16 + 100] ^= 0xff; // inside the first blob
    writeFileSync(file, bytes);
    const db = await readRpmDatabase('ndb', file);
    expect(db.packages).toHaveLength(2);
    expect(db.problems).toEqual([`blob of package ${blobs[0].hnum} fails its checksum; skipped`]);
  });

  it('files that are not databases of their format throw one clear message', async () => {
    const bdb = bdbRpmDb(fixture, blobs, 4096);
    await expect(readRpmDatabase('ndb', bdb)).rejects.toThrow('not an rpm ndb database');
    await expect(readRpmDatabase('bdb', sqlite)).rejects.toThrow('not a Berkeley DB hash database');
    await expect(readRpmDatabase('sqlite', bdb)).rejects.toThrow(
      /^not a readable SQLite database|^cannot read its Packages table/,
    );
    const truncated = `${bdb}.cut`;
    writeFileSync(truncated, readFileSync(bdb).subarray(0, 300));
    await expect(readRpmDatabase('bdb', truncated)).rejects.toThrow('too short for a Berkeley DB file');
  });
});

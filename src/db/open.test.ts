import { ADVISORY_SCHEMA_VERSION } from './schema-version.js';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { openAdvisoryDb } from './open.js';
import { feed, scratchDir } from './testdata/paths.js';

async function freshDatabase(label: string): Promise<string> {
  const file = path.join(await scratchDir(label), 'advisories.db');
  await (await openAdvisoryDb(file, { readonly: false })).destroy();
  return file;
}

/** A schema version newer than this airlock's. */
const FUTURE = ADVISORY_SCHEMA_VERSION + 1;

describe('openAdvisoryDb', () => {
  it('names a missing file', async () => {
    const file = path.join(await scratchDir('missing'), 'nope.db');
    await expect(openAdvisoryDb(file, { readonly: true })).rejects.toThrow(new InputError(file, 'advisory database not found'));
  });

  it('refuses a file that is not SQLite (a real feed file), naming it', async () => {
    const file = path.join(await scratchDir('notdb'), 'debian.json');
    await copyFile(feed('debian-tracker-json-excerpt', 'debian.json'), file);
    const error = await openAdvisoryDb(file, { readonly: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/debian\.json: is not a readable SQLite database \(.*file is not a database/);
  });

  it('refuses an SQLite file without the advisory schema', async () => {
    const file = path.join(await scratchDir('empty'), 'empty.db');
    await writeFile(file, '');
    await expect(openAdvisoryDb(file, { readonly: true })).rejects.toThrow(/empty\.db: is not an airlock advisory database/);
  });

  it('refuses a database of another schema version, with a hint', async () => {
    const file = await freshDatabase('newer');
    const db = await openAdvisoryDb(file, { readonly: false });
    await sql`insert into schema_migrations values (${FUTURE}, '9999_future', '2030-01-01T00:00:00Z')`.execute(db);
    await db.destroy();
    const error = (await openAdvisoryDb(file, { readonly: true }).catch((e: unknown) => e)) as InputError;
    expect(error.message).toBe(`${file}: advisory database schema version ${FUTURE}, this airlock reads versions 1 to ${ADVISORY_SCHEMA_VERSION}`);
    expect(error.hint).toMatch(/newer airlock/);
    await expect(openAdvisoryDb(file, { readonly: false })).rejects.toThrow(`schema version ${FUTURE}`);
  });

  it('still reads a schema-1 database (2 only added the optional base_catalog table)', async () => {
    const file = await freshDatabase('schema1');
    const db = await openAdvisoryDb(file, { readonly: false });
    await sql`drop table base_catalog`.execute(db);
    await sql`delete from schema_migrations where version = 2`.execute(db);
    await db.destroy();
    const old = await openAdvisoryDb(file, { readonly: true });
    try {
      expect(await old.selectFrom('vulnerability').selectAll().execute()).toEqual([]);
    } finally {
      await old.destroy();
    }
  });

  it('opens read-only: reads work, writes fail', async () => {
    const file = await freshDatabase('ro');
    const db = await openAdvisoryDb(file, { readonly: true });
    try {
      expect(await db.selectFrom('vulnerability').selectAll().execute()).toEqual([]);
      await expect(db.insertInto('bundle_meta').values({ key: 'sequence', value: '1' }).execute()).rejects.toThrow(/SQLITE_READONLY/);
    } finally {
      await db.destroy();
    }
  });
});

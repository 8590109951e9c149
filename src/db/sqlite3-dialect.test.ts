import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAdvisoryDb, type AdvisoryDb } from './open.js';
import { scratchDir } from './testdata/paths.js';

async function withDb(fn: (db: AdvisoryDb) => Promise<void>): Promise<void> {
  const db = await openAdvisoryDb(path.join(await scratchDir('dialect'), 'a.db'), { readonly: false });
  try {
    await fn(db);
  } finally {
    await db.destroy();
  }
}

describe('the node-sqlite3 kysely dialect', () => {
  it('reports changed rows and returns rows from RETURNING', async () => {
    await withDb(async (db) => {
      const inserted = await db.insertInto('bundle_meta').values([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]).executeTakeFirst();
      expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
      const updated = await db.updateTable('bundle_meta').set({ value: '3' }).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(2n);
      const deleted = await db.deleteFrom('bundle_meta').where('key', '=', 'a').returning(['key', 'value']).execute();
      expect(deleted).toEqual([{ key: 'a', value: '3' }]);
    });
  });

  it('serializes transactions on the one connection: a concurrent one waits, a failed one rolls back', async () => {
    await withDb(async (db) => {
      const seen: string[] = [];
      const first = db.transaction().execute(async (trx) => {
        await trx.insertInto('bundle_meta').values({ key: 'first', value: '1' }).execute();
        await new Promise((r) => setTimeout(r, 20));
        seen.push('first done');
      });
      const second = db.transaction().execute(async (trx) => {
        seen.push('second started');
        await trx.insertInto('bundle_meta').values({ key: 'first', value: 'clash' }).execute();
      });
      await first;
      await expect(second).rejects.toThrow(/UNIQUE constraint failed/);
      expect(seen).toEqual(['first done', 'second started']);
      expect(await db.selectFrom('bundle_meta').selectAll().execute()).toEqual([{ key: 'first', value: '1' }]);
    });
  });

  it('streams a select in chunks', async () => {
    await withDb(async (db) => {
      const keys = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
      await db.insertInto('bundle_meta').values(keys.map((key) => ({ key, value: key }))).execute();
      const streamed: string[] = [];
      for await (const row of db.selectFrom('bundle_meta').select('key').orderBy('key').stream(4)) streamed.push(row.key);
      expect(streamed).toEqual(keys);
    });
  });
});

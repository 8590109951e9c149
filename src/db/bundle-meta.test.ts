import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundleMeta, writeBundleMeta, type BundleMeta } from './bundle-meta.js';
import { openAdvisoryDb } from './open.js';
import { scratchDir } from './testdata/paths.js';

const META: BundleMeta = {
  sequence: 7,
  created: '2025-08-26T12:00:00.000Z',
  expires: '2025-09-25T12:00:00.000Z',
  signerKeyId: 'ed25519:3f9a0c',
  formatVersion: 1,
  schemaVersion: 1,
};

describe('bundle_meta helpers', () => {
  it('round-trip the bundle facts as key/value rows, and say undefined before any are written', async () => {
    const file = path.join(await scratchDir('meta'), 'a.db');
    const db = await openAdvisoryDb(file, { readonly: false });
    try {
      expect(await readBundleMeta(db, file)).toBeUndefined();
      await writeBundleMeta(db, META);
      expect(await db.selectFrom('bundle_meta').selectAll().orderBy('key').execute()).toEqual([
        { key: 'created', value: '2025-08-26T12:00:00.000Z' },
        { key: 'expires', value: '2025-09-25T12:00:00.000Z' },
        { key: 'format_version', value: '1' },
        { key: 'schema_version', value: '1' },
        { key: 'sequence', value: '7' },
        { key: 'signer_key_id', value: 'ed25519:3f9a0c' },
      ]);
      // The import step adds its own keys beside these; they do not disturb the read.
      await db.insertInto('bundle_meta').values({ key: 'payload_sha256', value: 'ab'.repeat(32) }).execute();
      expect(await readBundleMeta(db, file)).toEqual(META);
      await writeBundleMeta(db, { ...META, sequence: 8 });
      expect((await readBundleMeta(db, file))?.sequence).toBe(8);
    } finally {
      await db.destroy();
    }
  });

  it('name the database file when the stored facts are partial or garbled', async () => {
    const file = path.join(await scratchDir('meta-bad'), 'a.db');
    const db = await openAdvisoryDb(file, { readonly: false });
    try {
      await writeBundleMeta(db, META);
      await db.updateTable('bundle_meta').set({ value: '7a' }).where('key', '=', 'sequence').execute();
      await expect(readBundleMeta(db, file)).rejects.toThrow(`${file}: bundle_meta sequence is not a whole number: "7a"`);
      await db.updateTable('bundle_meta').set({ value: '7' }).where('key', '=', 'sequence').execute();
      await db.deleteFrom('bundle_meta').where('key', '=', 'expires').execute();
      await expect(readBundleMeta(db, file)).rejects.toThrow(`${file}: bundle_meta has no expires`);
    } finally {
      await db.destroy();
    }
  });
});

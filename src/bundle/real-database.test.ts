import { ADVISORY_SCHEMA_VERSION } from '../db/schema-version.js';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAdvisoryDatabase } from '../db/build.js';
import { readBundleMeta } from '../db/bundle-meta.js';
import { openAdvisoryDb } from '../db/open.js';
import { importer as kevImporter } from '../feeds/kev/index.js';
import { buildBundle } from './build.js';
import { importBundle } from './import.js';
import { databaseStatus } from './status.js';
import { loadTrustStore } from './trust.js';
import { freshState, makeSigner, tempDir } from './testdata/fixtures.js';

const NOW = new Date('2025-08-26T12:00:00Z');

/** The whole path with the real database builder and the real KEV catalogue. */
describe('a bundle of a database built by src/db from ../shared/feeds/cisa-kev', () => {
  it('builds, imports, and the scanner-side reader sees the bundle facts', async () => {
    const dir = await tempDir('real-db');
    const keys = join(dir, 'keys');
    await mkdir(keys);
    const signer = await makeSigner(keys, 'publisher');
    const out = join(dir, 'kev.airlock');
    const feedsDir = resolve(process.cwd(), '../shared/feeds/cisa-kev');
    const built = await buildBundle({
      out,
      signingKey: signer,
      now: NOW,
      sequence: 7,
      buildDatabase: (outFile) => buildAdvisoryDatabase({ feedsDir, outFile, importers: [kevImporter] }),
    });
    expect(built.manifest.sources).toEqual([
      { name: 'kev', records: 1404, warnings: 0, dataDate: expect.stringMatching(/^2025-08-25/) },
    ]);

    const paths = await freshState();
    await importBundle({ path: out, paths, trust: await loadTrustStore({ packageKeysDir: keys }), now: NOW });
    const db = await openAdvisoryDb(paths.advisoryDb, { readonly: true });
    try {
      expect(await readBundleMeta(db, paths.advisoryDb)).toEqual({
        sequence: 7,
        created: NOW.toISOString(),
        expires: '2025-09-25T12:00:00.000Z',
        signerKeyId: signer.keyId,
        formatVersion: 1,
        schemaVersion: ADVISORY_SCHEMA_VERSION,
      });
    } finally {
      await db.destroy();
    }
    expect(await databaseStatus(paths, NOW)).toMatchObject({
      sequence: 7,
      schemaVersion: ADVISORY_SCHEMA_VERSION,
      sources: [{ name: 'kev', records: 1404 }],
    });
  });
});

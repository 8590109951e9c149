/**
 * Old bundles still import and match the same after schema 3 (0003_affected_scope.sql):
 * - the committed DEMO bundle, built at schema 2, imports and answers lookups;
 * - a schema-2 copy of a database of the real Red Hat CSAF samples, where stream and
 *   module exist only as note text, gives the RHEL matcher exactly the rows, and the
 *   findings, that the schema-3 database gives it.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../db/open.js';
import { affectedFor } from '../db/queries.js';
import { ADVISORY_SCHEMA_VERSION } from '../db/schema-version.js';
import { matchSbom } from '../match/index.js';
import { buildFeedDb, type TestDb } from '../match/testdata/feed-db.js';
import { pkg, sbomOf } from '../match/testdata/sbom.js';
import { importBundle } from './import.js';
import { databaseStatus } from './status.js';
import { withSqlite } from './sqlite.js';
import { freshState, tempDir } from './testdata/fixtures.js';
import { loadTrustStore, packageKeysDir } from './trust.js';

const SAMPLE = join(process.cwd(), 'bundles/sample/advisories-demo.airlock');
const NOW = new Date('2026-12-01T00:00:00Z');

describe('a schema-2 bundle (bundles/sample, built before 0003)', () => {
  it('imports, says it is schema 2, and its rows are read without the new columns', async () => {
    expect(ADVISORY_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const paths = await freshState();
    const trust = await loadTrustStore({ packageKeysDir: packageKeysDir(), allowDemoKeys: true });
    await importBundle({ path: SAMPLE, paths, trust, now: NOW });
    expect(await databaseStatus(paths, NOW)).toMatchObject({ installed: true, sequence: 1, schemaVersion: 2 });
    const db = await openAdvisoryDb(paths.advisoryDb, { readonly: true });
    try {
      const rows = await affectedFor(db, 'debian:bookworm', ['openssl']);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.namespace === 'debian:bookworm' && r.package === 'openssl')).toBe(true);
      expect(rows.every((r) => r.stream === undefined && r.module === undefined)).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});

describe('Red Hat rows of a schema-2 database', () => {
  let current: TestDb;
  let old: Awaited<ReturnType<typeof openAdvisoryDb>>;
  beforeAll(async () => {
    current = await buildFeedDb(['redhat-csaf-samples']);
    // The same database as schema 2 wrote it: no stream/module columns, no migration 3.
    const file = join(await tempDir('schema2'), 'advisories.db');
    await copyFile(current.file, file);
    await withSqlite(file, 'readwrite', async (db) => {
      await db.run('ALTER TABLE affected DROP COLUMN stream');
      await db.run('ALTER TABLE affected DROP COLUMN module');
      await db.run('DELETE FROM schema_migrations WHERE version = 3');
    });
    old = await openAdvisoryDb(file, { readonly: true });
  });
  afterAll(async () => {
    await old?.destroy();
    await current?.close();
  });

  it('read back the stream and module from the note, the same as the columns say', async () => {
    const lookups: Array<[string, string[]]> = [
      ['redhat:9', ['python3.9']],
      ['redhat:6', ['bind', 'bind-chroot']],
    ];
    for (const [namespace, names] of lookups) {
      const now = await affectedFor(current.db, namespace, names);
      expect(now.some((r) => r.stream)).toBe(true);
      expect(await affectedFor(old, namespace, names)).toEqual(now);
    }
  });

  it('give the same findings', async () => {
    const sbom = sbomOf(
      [
        pkg('rpm', 'python3', '3.9.18-1.el9', { sourceName: 'python3.9' }),
        pkg('rpm', 'python39', '3.9.18-1.module+el9.4.0+21000+deadbeef', {
          sourceName: 'python3.9',
          metadata: { modularityLabel: 'python39:3.9:9040020240101000000:rhel9' },
        }),
      ],
      { id: 'rhel', versionId: '9.5' },
    );
    const findings = await matchSbom(sbom, current.db);
    expect(findings.length).toBeGreaterThan(0);
    expect(await matchSbom(sbom, old)).toEqual(findings);
  });
});

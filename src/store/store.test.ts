/**
 * The snapshot store on its own: its own SQLite file in WAL mode with frozen migrations,
 * snapshots keyed by image ID, names that accumulate and move like tags, lookups by name,
 * by the same reference spelled differently, and by digest prefix, and removal that takes
 * findings and packages with it. Data: the real Debian image and real feed records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedSchemaVersion } from '../db/migrate.js';
import type { Finding } from '../match/types.js';
import { buildFeedDb, type TestDb } from '../match/testdata/feed-db.js';
import type { Sbom } from '../sbom/model.js';
import { matchSbomWithDatabase } from '../services/match.js';
import { generateSbom } from '../services/sbom.js';
import { findOneStoredImage, findStoredImages, listStoredImages, loadSbom, removeStoredImage } from './images.js';
import { openSnapshotStore, type SnapshotDb } from './open.js';
import { saveSnapshot } from './save.js';
import { SNAPSHOT_SCHEMA_VERSION } from './schema.js';
import { MINBASE } from '../../test/store/support/buildkit-spdx.js';

let dir: string;
let file: string;
let store: SnapshotDb;
let feeds: TestDb;
let sbom: Sbom;
let findings: Finding[];
const now = new Date('2026-11-25T12:00:00Z');
/** The same image under another image ID, as a rebuild with another config would be. */
const rebuilt = (s: Sbom, hex: string): Sbom => ({
  ...s,
  image: { ...s.image, configDigest: `sha256:${hex.padEnd(64, '0')}`, manifestDigest: undefined },
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-store-unit-'));
  file = path.join(dir, 'state', 'snapshots.db');
  store = await openSnapshotStore(file);
  feeds = await buildFeedDb(['debian-vuln-list-debian']);
  sbom = await generateSbom(MINBASE, { now });
  findings = (await matchSbomWithDatabase(sbom, feeds.file, now)).findings;
});
afterAll(async () => {
  await store?.destroy();
  await feeds?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('snapshot store', () => {
  it('is its own SQLite file, in WAL mode with a busy timeout, migrated once', async () => {
    expect(await appliedSchemaVersion(store)).toBe(SNAPSHOT_SCHEMA_VERSION);
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store)).rows[0].journal_mode).toBe('wal');
    const again = await openSnapshotStore(file);
    try {
      const migrations = await sql<{ n: number }>`select count(*) as n from schema_migrations`.execute(again);
      expect(migrations.rows[0].n).toBe(SNAPSHOT_SCHEMA_VERSION);
    } finally {
      await again.destroy();
    }
  });

  it('keeps the SBOM itself, its packages and its findings', async () => {
    const saved = await saveSnapshot(store, {
      sbom,
      origin: 'layers',
      names: ['minbase:1.0'],
      findings,
      sequence: 7,
      now,
    });
    expect(saved).toEqual({ id: saved.id, key: sbom.image.configDigest, replaced: false });
    expect(await loadSbom(store, saved.id)).toEqual(sbom);
    const packages = await store
      .selectFrom('package')
      .select(['name', 'source_name', 'location'])
      .where('image_id', '=', saved.id)
      .where('name', '=', 'libc6')
      .execute();
    expect(packages).toEqual([{ name: 'libc6', source_name: 'glibc', location: '/var/lib/dpkg/status' }]);
    const [image] = await listStoredImages(store, [saved.id]);
    expect(image).toMatchObject({
      names: ['minbase:1.0'],
      evaluatedSequence: 7,
      packages: 88,
      os: 'debian 12',
      platform: 'linux/amd64',
    });
    // One record per (vulnerability, package); counts per (vulnerability, source package).
    const rows = await store
      .selectFrom('finding')
      .select(['vuln_id', 'package_name'])
      .where('image_id', '=', saved.id)
      .where('vuln_id', '=', 'CVE-2022-0563')
      .execute();
    expect(rows.map((r) => r.package_name).sort()).toEqual([
      'bsdutils',
      'libblkid1',
      'libmount1',
      'libsmartcols1',
      'libuuid1',
      'mount',
      'util-linux',
      'util-linux-extra',
    ]);
    expect(image.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 10, unspecified: 4 });
  });

  it('replaces the snapshot of the same image; names accumulate, and move to a newer image like tags', async () => {
    const again = await saveSnapshot(store, { sbom, origin: 'layers', names: ['minbase:latest'], findings, now });
    expect(again.replaced).toBe(true);
    expect((await listStoredImages(store)).map((i) => i.names)).toEqual([['minbase:1.0', 'minbase:latest']]);
    await saveSnapshot(store, {
      sbom: rebuilt(sbom, '1111aaaa'),
      origin: 'layers',
      names: ['minbase:latest'],
      findings,
      now: new Date('2026-11-26T00:00:00Z'),
    });
    expect((await listStoredImages(store)).map((i) => i.names)).toEqual([['minbase:latest'], ['minbase:1.0']]);
  });

  it('finds an image by name, by the same reference spelled out, and by digest prefix; refuses an ambiguous prefix', async () => {
    const [first] = await findStoredImages(store, 'minbase:1.0');
    expect(first.key).toBe(sbom.image.configDigest);
    expect((await findStoredImages(store, 'docker.io/library/minbase:1.0')).map((i) => i.id)).toEqual([first.id]);
    expect((await findStoredImages(store, '83b9a077b6b4')).map((i) => i.id)).toEqual([first.id]);
    expect((await findStoredImages(store, 'sha256:e7119cb0')).map((i) => i.id)).toEqual([first.id]);
    await saveSnapshot(store, { sbom: rebuilt(sbom, '1111bbbb'), origin: 'layers', names: [], findings, now });
    await expect(findOneStoredImage(store, '1111')).rejects.toThrow(
      /^1111 names 2 stored images: minbase:latest \(1111aaaa0000\), 1111bbbb0000 \(1111bbbb0000\)$/,
    );
    await expect(findOneStoredImage(store, 'nosuch:1')).rejects.toThrow('no stored image named nosuch:1');
  });

  it('removal takes the findings, packages and names with it', async () => {
    const image = await findOneStoredImage(store, 'minbase:1.0');
    await removeStoredImage(store, image.id);
    for (const table of ['finding', 'package', 'image_name'] as const) {
      expect(await store.selectFrom(table).select('image_id').where('image_id', '=', image.id).execute()).toEqual([]);
    }
    expect((await listStoredImages(store)).map((i) => i.key)).not.toContain(image.key);
  });
});

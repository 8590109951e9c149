/**
 * Issue 14 (part A), whole path: a bundle built from all of ../shared/feeds plus a copy of
 * every vunnel sample (../shared/feed-samples) imports, and `db status` lists each new
 * source with its record count and data date. The feeds keep building exactly as before:
 * every source they gave is still there with the same records.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDatabase, type BuildResult } from '../src/db/build.js';
import { buildBundle } from '../src/bundle/build.js';
import { importBundle } from '../src/bundle/import.js';
import { statusLines } from '../src/report/bundle/render.js';
import { databaseStatus, type DatabaseStatus } from '../src/bundle/status.js';
import { loadTrustStore } from '../src/bundle/trust.js';
import { freshState, makeSigner, tempDir } from '../src/bundle/testdata/fixtures.js';
import { allImporters } from '../src/feeds/registry.js';

const SHARED = resolve(process.cwd(), '../shared');
const NOW = new Date('2026-12-03T12:00:00Z');
const NEW_SOURCES = [
  'wolfi-secdb',
  'chainguard-secdb',
  'minimos-secdb',
  'chainguard-osv',
  'almalinux-osv',
  'rocky-osv',
  'redhat-cve-json',
];

let built: BuildResult;
let status: DatabaseStatus;
let dir: string;

beforeAll(async () => {
  dir = await tempDir('distro-samples');
  const feedsDir = join(dir, 'feeds');
  cpSync(join(SHARED, 'feeds'), feedsDir, { recursive: true });
  mkdirSync(join(feedsDir, 'samples'));
  cpSync(join(SHARED, 'feed-samples/vunnel'), join(feedsDir, 'samples/vunnel'), { recursive: true });
  const keys = join(dir, 'keys');
  mkdirSync(keys);
  const signer = await makeSigner(keys, 'publisher');
  const out = join(dir, 'all.airlock');
  await buildBundle({
    out,
    signingKey: signer,
    now: NOW,
    sequence: 3,
    buildDatabase: async (outFile) =>
      (built = await buildAdvisoryDatabase({ feedsDir, outFile, importers: allImporters })),
  });
  const paths = await freshState();
  await importBundle({ path: out, paths, trust: await loadTrustStore({ packageKeysDir: keys }), now: NOW });
  status = await databaseStatus(paths, NOW);
}, 240_000);
afterAll(() => undefined);

describe('a bundle of ../shared/feeds plus every vunnel sample', () => {
  it('builds with no warning from the new importers and imports', () => {
    expect(status.installed).toBe(true);
    for (const name of NEW_SOURCES)
      expect(
        built.sources.find((s) => s.name === name),
        name,
      ).toMatchObject({ warnings: 0 });
    expect(
      built.warnings.filter(
        (w) =>
          w.file.includes('/samples/vunnel/wolfi/') ||
          w.file.includes('/samples/vunnel/alma/') ||
          w.file.includes('/samples/vunnel/rocky/'),
      ),
    ).toEqual([]);
  });

  it('db status lists each new source with its record count and data date', () => {
    if (!status.installed) throw new Error('not installed');
    const bySource = new Map(status.sources.map((s) => [s.name, s]));
    expect(Object.fromEntries(NEW_SOURCES.map((name) => [name, bySource.get(name)?.records]))).toEqual({
      'wolfi-secdb': 59,
      'chainguard-secdb': 197,
      'minimos-secdb': 59,
      'chainguard-osv': 3,
      'almalinux-osv': 18,
      'rocky-osv': 20,
      'redhat-cve-json': 2,
    });
    expect(bySource.get('almalinux-osv')?.dataDate).toBe('2024-05-07T15:04:20.000Z');
    expect(bySource.get('rocky-osv')?.dataDate).toBe('2024-06-14T14:02:44.124Z');
    expect(bySource.get('chainguard-osv')?.dataDate).toBe('2026-02-24T13:07:08.000Z');
    expect(bySource.get('redhat-cve-json')?.dataDate).toBe('2025-12-17T00:00:00.000Z');
    // A secdb carries no date and no `feeds fetch` record lies beside the samples: unknown, never the file's mtime.
    const UNDATED = ['wolfi-secdb', 'chainguard-secdb', 'minimos-secdb'];
    for (const name of UNDATED) expect(bySource.get(name)?.dataDate).toBeUndefined();
    const lines = statusLines(status);
    for (const name of NEW_SOURCES.filter((n) => !UNDATED.includes(n)))
      expect(
        lines.some((line) => line.includes(name) && / records {2}data \d{4}-/.test(line)),
        name,
      ).toBe(true);
    for (const name of UNDATED)
      expect(
        lines.some((line) => line.includes(name)),
        name,
      ).toBe(true);
  });

  it('the sources the feeds gave before are all still there', () => {
    if (!status.installed) throw new Error('not installed');
    const names = status.sources.map((s) => s.name);
    for (const name of [
      'debian-tracker-json',
      'debian-vuln-list',
      'debian-lists',
      'alpine-secdb',
      'osv',
      'redhat-csaf',
      'nvd',
      'cve5',
      'kev',
      'epss',
    ])
      expect(names).toContain(name);
  });
});

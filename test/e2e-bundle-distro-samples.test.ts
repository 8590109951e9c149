/**
 * Issue 14, whole path: a bundle built from all of ../shared/feeds plus a copy of every
 * vunnel sample (../shared/feed-samples) imports, and `db status` lists every source the
 * issue added (secdb, OSV, CSAF and Red Hat CVE JSON, ALAS, the OVALs, Photon, endoflife)
 * with its record count, warnings and data date, and each distribution's namespaces. The feeds keep building exactly as before:
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
  'redhat-csaf',
  'redhat-cve-json',
  'amazon-alas',
  'oracle-oval',
  'suse-oval',
  'mariner-oval',
  'photon-cve',
  'endoflife',
];
type SourceStatus = { records: number; warnings: number; dataDate?: string };
const row = (s: SourceStatus | undefined) => (s ? [s.records, s.warnings, s.dataDate] : undefined);

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
}, 600_000);
afterAll(() => undefined);

describe('a bundle of ../shared/feeds plus every vunnel sample', () => {
  it('builds and imports; the only warnings from the samples are the ALAS items whose pages are not there', () => {
    expect(status.installed).toBe(true);
    const fromSamples = built.warnings.filter((w) => w.file.includes('/samples/vunnel/'));
    const alasWithoutPage = (w: { file: string }) => w.file.includes('/samples/vunnel/amazon/test-fixtures/mock_rss');
    expect(fromSamples.filter((w) => !alasWithoutPage(w))).toEqual([]);
    expect(fromSamples.filter(alasWithoutPage)).toHaveLength(97);
    // Lists that are not OSV records (Photon's lists, Chainguard's OSV index, a Red Hat CVE list page) are passed over.
    expect(built.sources.find((s) => s.name === 'osv')).toMatchObject({ records: 6964, warnings: 0 });
  });

  it('db status lists each new source with its record count and data date', () => {
    if (!status.installed) throw new Error('not installed');
    const bySource = new Map(status.sources.map((s) => [s.name, s]));
    // [records, warnings, data date]. Undated: a secdb, Photon's lists and the EOL sample carry no date, and no
    // `feeds fetch` record lies beside the samples — unknown, never the file's mtime (distro-fetched-dates.test.ts
    // shows the fetched date). redhat-csaf: the three RHSAs of ../shared/feeds plus the vunnel CSAF samples.
    // amazon-alas: the ALAS feed without its pages (mock_rss) is a warning per item, not a failure.
    expect(Object.fromEntries(NEW_SOURCES.map((name) => [name, row(bySource.get(name))]))).toEqual({
      'wolfi-secdb': [59, 0, undefined],
      'chainguard-secdb': [197, 0, undefined],
      'minimos-secdb': [59, 0, undefined],
      'chainguard-osv': [3, 0, '2026-02-24T13:07:08.000Z'],
      'almalinux-osv': [18, 0, '2024-05-07T15:04:20.000Z'],
      'rocky-osv': [20, 0, '2024-06-14T14:02:44.124Z'],
      'redhat-csaf': [25, 0, '2026-04-01T19:04:12.000Z'],
      'redhat-cve-json': [2, 0, '2025-12-17T00:00:00.000Z'],
      'amazon-alas': [9, 97, '2023-03-08T00:51:00.000Z'],
      'oracle-oval': [14, 0, '2021-09-09T12:49:02.000Z'],
      'suse-oval': [4, 0, '2021-07-16T05:18:42.000Z'],
      'mariner-oval': [8, 0, '2024-05-08T12:04:07.046Z'],
      'photon-cve': [9, 0, undefined],
      endoflife: [6, 0, undefined],
    });
    const lines = statusLines(status);
    expect(lines.filter((line) => NEW_SOURCES.includes(line.trim().split(' ')[0]))).toEqual([
      '  almalinux-osv               18 records  data 2024-05-07T15:04:20.000Z (939 days old)',
      '  amazon-alas                  9 records, 97 warnings  data 2023-03-08T00:51:00.000Z (1366 days old)',
      '  chainguard-osv               3 records  data 2026-02-24T13:07:08.000Z (281 days old)',
      '  chainguard-secdb           197 records',
      '  endoflife                    6 records',
      '  mariner-oval                 8 records  data 2024-05-08T12:04:07.046Z (938 days old)',
      '  minimos-secdb               59 records',
      '  oracle-oval                 14 records  data 2021-09-09T12:49:02.000Z (1910 days old)',
      '  photon-cve                   9 records',
      '  redhat-csaf                 25 records  data 2026-04-01T19:04:12.000Z (245 days old)',
      '  redhat-cve-json              2 records  data 2025-12-17T00:00:00.000Z (351 days old)',
      '  rocky-osv                   20 records  data 2024-06-14T14:02:44.124Z (901 days old)',
      '  suse-oval                    4 records  data 2021-07-16T05:18:42.000Z (1966 days old)',
      '  wolfi-secdb                 59 records',
    ]);
    // Each distribution's namespaces are in the coverage list, and the EOL products in its own line.
    const namespaces = status.namespaces.map((n) => n.namespace);
    for (const ns of [
      'wolfi:rolling',
      'chainguard:rolling',
      'minimos:rolling',
      'amazon:2',
      'amazon:2022',
      'amazon:2023',
      'oracle:7',
      'oracle:8',
      'sles:15',
      'sles:15.1',
      'mariner:2.0',
      'azurelinux:3.0',
      'photon:1.0',
      'photon:4.0',
      'almalinux:8',
      'almalinux:9',
      'rocky:8',
      'rocky:9',
    ])
      expect(namespaces).toContain(ns);
    expect(lines).toContain('end of life: python (3 releases), ubuntu (3 releases)');
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

/**
 * Wolfi, Chainguard and MinimOS secdbs, Photon's CVE lists and an endoflife.date response
 * without `generated_at` carry no date of their own (no top-level field in `security.json`,
 * a bare array in `cve_data_photon<release>.json`, only `result` in the EOL sample).
 * Their data date is what `feeds fetch` recorded: the server's Last-Modified, from the
 * sidecar it keeps under `.fetch-state`. Shown on the real sample documents served by a
 * loopback mirror at the default sources' paths, fetched with the default source
 * definitions, then built into a database the way `bundle build` does. The copies'
 * mtimes are set to today: only the fetch record counts.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDatabase, type BuildResult } from '../../db/build.js';
import { fetchPublicFeeds } from '../../services/feeds.js';
import { allImporters } from '../registry.js';
import type { FetchFeedsResult } from './fetch-feeds.js';
import { readSidecar, sidecarPath } from './sidecar.js';
import { startFeedServer, type FeedServer } from './testdata/server.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');

/** Mirror path (the default source's) ← sample, with the date its publisher's server gives as Last-Modified. */
const SERVED: [mirrorPath: string, sample: string, lastModified: string][] = [
  ['wolfi-secdb/security.json', 'wolfi/test-fixtures/input/secdb/security.json', '2026-11-30T08:15:00Z'],
  ['chainguard-secdb/security.json', 'chainguard/test-fixtures/input/secdb/security.json', '2026-11-29T23:40:10Z'],
  ['minimos-secdb/security.json', 'minimos/test-fixtures/input/secdb/security.json', '2026-10-31T12:00:00Z'],
  ['photon/cve_data_photon1.0.json', 'photon/test-fixtures/input/cve_data_photon1.0.json', '2026-09-14T06:00:00Z'],
  ['photon/cve_data_photon4.0.json', 'photon/test-fixtures/input/cve_data_photon4.0.json', '2026-11-02T06:00:00Z'],
  // endoflife.date's every-product response (python, ubuntu), fetched by the source the config below defines.
  ['endoflife/full.json', 'eol/test-fixtures/valid-eol-response.json', '2026-12-01T00:30:00Z'],
];

let work: string;
let server: FeedServer;
let fetched: FetchFeedsResult;
let built: BuildResult;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'airlock-distro-dates-'));
  const mirror = path.join(work, 'mirror');
  for (const [mirrorPath, sample, lastModified] of SERVED) {
    const file = path.join(mirror, mirrorPath);
    mkdirSync(path.dirname(file), { recursive: true });
    cpSync(path.join(SAMPLES, sample), file);
    const when = new Date(lastModified);
    utimesSync(file, when, when); // the loopback server sends its files' mtimes as Last-Modified
  }
  server = await startFeedServer(mirror);
  const outDir = path.join(work, 'feeds');
  // An operator's config may fetch endoflife.date's `products/full` instead of one file per product.
  const configFile = path.join(work, 'sources.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      sources: [
        {
          name: 'endoflife',
          kind: 'files',
          files: [{ url: 'https://endoflife.date/api/v1/products/full', path: 'endoflife/full.json' }],
        },
      ],
    }),
  );
  fetched = await fetchPublicFeeds({
    outDir,
    sources: ['wolfi-secdb', 'chainguard-secdb', 'minimos-secdb', 'photon-cve', 'endoflife'],
    configFile,
    mirror: server.url,
    retry: { attempts: 1, sleep: async () => undefined },
  });
  // As a copy onto the appliance leaves them: every file's mtime is today.
  for (const [mirrorPath] of SERVED) utimesSync(path.join(outDir, mirrorPath), new Date(), new Date());
  built = await buildAdvisoryDatabase({
    feedsDir: outDir,
    outFile: path.join(work, 'db.sqlite'),
    importers: allImporters,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('data dates of the undated distro feeds after feeds fetch', () => {
  it('feeds fetch lands each document at its default path and records the Last-Modified it was served with', async () => {
    expect(fetched.files.map((f) => [f.source, f.path, f.status])).toEqual([
      ['wolfi-secdb', 'wolfi-secdb/security.json', 'downloaded'],
      ['chainguard-secdb', 'chainguard-secdb/security.json', 'downloaded'],
      ['minimos-secdb', 'minimos-secdb/security.json', 'downloaded'],
      ['photon-cve', 'photon/cve_data_photon1.0.json', 'downloaded'],
      ['photon-cve', 'photon/cve_data_photon4.0.json', 'downloaded'],
      ['endoflife', 'endoflife/full.json', 'downloaded'],
    ]);
    // The mirror has no 2.0, 3.0 or 5.0 list: each is a failure of its own, the rest still land.
    expect(fetched.failures.map((f) => [f.source, f.url.replace(server.url, '')])).toEqual([
      ['photon-cve', '/photon/cve_data_photon2.0.json'],
      ['photon-cve', '/photon/cve_data_photon3.0.json'],
      ['photon-cve', '/photon/cve_data_photon5.0.json'],
    ]);
    const side = await readSidecar(sidecarPath(path.join(work, 'feeds'), 'wolfi-secdb/security.json'));
    expect(side).toMatchObject({ complete: true, lastModified: 'Mon, 30 Nov 2026 08:15:00 GMT' });
  });

  it("each source's data date is the Last-Modified day of its newest file, not the copies' mtime", () => {
    expect(built.warnings).toEqual([]);
    const of = (name: string) => built.sources.find((s) => s.name === name);
    expect(of('wolfi-secdb')).toMatchObject({ records: 59, warnings: 0, dataDate: '2026-11-30' });
    expect(of('chainguard-secdb')).toMatchObject({ records: 197, warnings: 0, dataDate: '2026-11-29' });
    expect(of('minimos-secdb')).toMatchObject({ records: 59, warnings: 0, dataDate: '2026-10-31' });
    // Two release lists: the source is as new as its newest one (4.0's).
    expect(of('photon-cve')).toMatchObject({ records: 9, warnings: 0, dataDate: '2026-11-02' });
    expect(of('endoflife')).toMatchObject({ records: 6, warnings: 0, dataDate: '2026-12-01' });
  });
});

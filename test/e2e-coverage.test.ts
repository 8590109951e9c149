/**
 * Coverage and end of life, end to end (issue 12): test-built Alpine, Ubuntu and
 * unidentified images against a database built by the real build path from real feed
 * files (../shared/feeds alpine-secdb and ubuntu-osv-samples) plus the endoflife.date
 * response of ../shared/feed-samples/vunnel/eol, copied into a feeds directory of this
 * test's own. The database has Alpine 3.3–3.11 and 3.20, not 3.19; Ubuntu 18.04 is past
 * its end of life in that response (2023-04-26).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import Quickview from '../src/commands/quickview.js';
import { databaseStatus } from '../src/bundle/status.js';
import { writeBundleMeta } from '../src/db/bundle-meta.js';
import { buildAdvisoryDatabase } from '../src/db/build.js';
import { openAdvisoryDb } from '../src/db/open.js';
import { allImporters } from '../src/feeds/registry.js';
import { alpineImageTar, unidentifiedApkImageTar } from './support/alpine-image.js';
import { shared } from './support/fixtures.js';
import { run } from './support/run-command.js';
import { ubuntuBionicImageTar } from './support/ubuntu-image.js';

let dir: string;
let dbFile: string;
let alpine319: string;
let alpine320: string;
let bionic: string;
let nameless: string;
const NOW = new Date();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-coverage-'));
  const feeds = path.join(dir, 'feeds');
  cpSync(path.join(shared, 'feeds/alpine-secdb'), path.join(feeds, 'alpine-secdb'), { recursive: true });
  cpSync(path.join(shared, 'feeds/ubuntu-osv-samples'), path.join(feeds, 'ubuntu-osv-samples'), { recursive: true });
  cpSync(
    path.join(shared, 'feed-samples/vunnel/eol/test-fixtures/valid-eol-response.json'),
    path.join(feeds, 'endoflife/products-full.json'),
  );
  dbFile = path.join(dir, 'advisories.db');
  await buildAdvisoryDatabase({ feedsDir: feeds, outFile: dbFile, importers: allImporters });
  const db = await openAdvisoryDb(dbFile, { readonly: false });
  await writeBundleMeta(db, {
    sequence: 12,
    created: NOW.toISOString(),
    expires: new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
    signerKeyId: 'e767d52284b29c32',
    formatVersion: 1,
    schemaVersion: 4,
  });
  await db.destroy();
  [alpine319, alpine320, bionic, nameless] = await Promise.all([
    alpineImageTar('3.19.4'),
    alpineImageTar('3.20.3'),
    ubuntuBionicImageTar(),
    unidentifiedApkImageTar(),
  ]);
}, 120_000);
afterAll(() => {
  for (const p of [dir, alpine319, alpine320, bionic, nameless])
    if (p) rmSync(p.endsWith('.tar') ? path.dirname(p) : p, { recursive: true, force: true });
});

const today = NOW.toISOString().slice(0, 10);
const dbLine = `advisory database ${today} (seq 12, 0 days old)`;

describe('quickview', () => {
  it('an Alpine release without data is NOT assessed, loudly, naming the releases the database has', async () => {
    const r = await run(Quickview, [alpine319, '--db', dbFile]);
    expect(r.code).toBe(0);
    const NO_DATA =
      'no advisory data for alpine 3.19 in the database (it has alpine 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.10, 3.11, 3.20): 14 apk packages NOT assessed';
    expect(r.stdout).toBe(
      [
        `    ✓ Indexed 14 packages · ${dbLine}`,
        '  Your image  alpine:3.19.4        │    0C     0H     0M     0L',
        '  Matched against: 14 apk → alpine:3.19 (no data)',
        `  ! ${NO_DATA}`,
        '  No base image identified: the base catalog is empty; add base images with `airlock base add`',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(`warning: ${NO_DATA}\n`);
  });

  it('an Alpine release with data says what it was matched against (no NVD data here, so every finding is unspecified)', async () => {
    const r = await run(Quickview, [alpine320, '--db', dbFile]);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual([
      '  Your image  alpine:3.20.3        │    0C     0H     0M     0L    28U',
      '  Matched against: 14 apk → alpine:3.20 (alpine-secdb, 279 records)',
    ]);
    // The secdb files carry no date and feeds fetch did not fetch them: their age is unknown, not fresh.
    expect(r.stderr).toBe(
      'warning: advisory data of unknown age: alpine-secdb (alpine:3.20) record no data date, so the limit of 7 days cannot be checked\n',
    );
  });

  it('a release past its end of life is flagged, with the day support ended', async () => {
    const r = await run(Quickview, [bionic, '--db', dbFile]);
    const EOL = 'ubuntu 18.04 is past its end of life (2023-04-26): the distribution no longer publishes fixes for it';
    expect(r.stdout.split('\n').slice(1, 4)).toEqual([
      '  Your image  ubuntu:18.04         │    0C     0H     1M     0L',
      '  Matched against: 2 deb → ubuntu:18.04 (osv, 3 records)',
      `  ! ${EOL}`,
    ]);
    // The newest Ubuntu OSV sample was modified 2026-06-08T16:11:47Z (UBUNTU-CVE-2022-24823):
    // the matched source is stale too. Its age counts whole days from that instant, not from
    // midnight, or the test is a day off for the first 16 hours of every day.
    const age = Math.floor((Date.now() - Date.parse('2026-06-08T16:11:47Z')) / 86_400_000);
    expect(r.stderr).toBe(
      `warning: ${EOL}\nwarning: stale advisory data (limit 7 days): osv (ubuntu:18.04) data of 2026-06-08, ${age} days old; findings may miss recent vulnerabilities\n`,
    );
  });

  it('an unidentified distro says which packages went unmatched', async () => {
    const r = await run(Quickview, [nameless, '--db', dbFile]);
    const UNMATCHED =
      '14 apk packages NOT assessed: the distro could not be identified (no os-release): alpine-baselayout, alpine-baselayout-data, alpine-keys, apk-tools, busybox, busybox-binsh, ca-certificates-bundle, libcrypto3 and 6 more';
    expect(r.stdout.split('\n').slice(2, 4)).toEqual([
      '  Matched against: 14 apk → not matched (the distro could not be identified (no os-release))',
      `  ! ${UNMATCHED}`,
    ]);
    expect(r.stderr).toBe(`warning: ${UNMATCHED}\n`);
  });
});

describe('cves', () => {
  it('is not a clean result when OS packages were not assessed; the JSON carries a typed coverage list', async () => {
    const table = await run(Cves, [alpine319, '--db', dbFile]);
    expect(table.stdout.split('\n').slice(0, 4)).toEqual([
      `    ✓ Indexed 14 packages · ${dbLine}`,
      '    ✗ No vulnerable package detected among the assessed packages, but some packages were NOT assessed (below)',
      '    Matched against: 14 apk → alpine:3.19 (no data)',
      '    ! no advisory data for alpine 3.19 in the database (it has alpine 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.10, 3.11, 3.20): 14 apk packages NOT assessed',
    ]);
    const json = JSON.parse((await run(Cves, [alpine319, '--db', dbFile, '--format', 'json'])).stdout);
    expect(json.coverage).toEqual([
      {
        packageType: 'apk',
        os: true,
        packages: 14,
        namespace: 'alpine:3.19',
        status: 'no_data',
        records: 0,
        sources: [],
        availableReleases: ['3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.10', '3.11', '3.20'],
      },
    ]);
    const ok = JSON.parse((await run(Cves, [alpine320, '--db', dbFile, '--format', 'json'])).stdout);
    expect(ok.coverage).toEqual([
      {
        packageType: 'apk',
        os: true,
        packages: 14,
        namespace: 'alpine:3.20',
        status: 'assessed',
        records: 279,
        sources: ['alpine-secdb'],
      },
    ]);
    const eol = JSON.parse((await run(Cves, [bionic, '--db', dbFile, '--format', 'json'])).stdout);
    expect(eol.endOfLife).toEqual({ product: 'ubuntu', release: '18.04', date: '2023-04-26', past: true });
  });

  it('--exit-code exits 3 when OS packages could not be assessed, unless --allow-unassessed', async () => {
    const failed = await run(Cves, [alpine319, '--db', dbFile, '--exit-code', '--format', 'json']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(
      '14 OS packages could not be assessed (--exit-code; --allow-unassessed accepts that)',
    );
    expect(
      (await run(Cves, [alpine319, '--db', dbFile, '--exit-code', '--allow-unassessed', '--format', 'json'])).code,
    ).toBe(0);
    expect((await run(Cves, [nameless, '--db', dbFile, '--exit-code', '--format', 'json'])).code).toBe(3);
    // Findings still decide first: 2 when any is left.
    expect((await run(Cves, [alpine320, '--db', dbFile, '--exit-code', '--format', 'json'])).code).toBe(2);
  });

  it('SARIF, CycloneDX, SPDX and markdown carry the coverage and its warnings', async () => {
    const out = async (format: string) => (await run(Cves, [alpine319, '--db', dbFile, '--format', format])).stdout;
    const NO_DATA =
      'no advisory data for alpine 3.19 in the database (it has alpine 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.10, 3.11, 3.20): 14 apk packages NOT assessed';
    const sarif = JSON.parse(await out('sarif'));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: NO_DATA } },
    ]);
    expect(sarif.runs[0].properties.coverage[0]).toMatchObject({ namespace: 'alpine:3.19', status: 'no_data' });
    const cdx = JSON.parse(await out('cyclonedx'));
    expect(cdx.metadata.properties).toEqual(
      expect.arrayContaining([
        { name: 'airlock:coverage:apk:alpine:3.19', value: 'no_data (14 packages, 0 records)' },
        { name: 'airlock:warning', value: NO_DATA },
      ]),
    );
    const spdx = JSON.parse(await out('spdx'));
    expect(spdx.creationInfo.comment).toBe(
      `Vulnerabilities from airlock advisory database sequence 12\nMatched against: 14 apk → alpine:3.19 (no data)\nWarning: ${NO_DATA}`,
    );
    const md = await out('markdown');
    expect(md).toContain('| Matched against | 14 apk → alpine:3.19 (no data) |');
    expect(md).toContain(
      `**No vulnerability found among the assessed packages, but some packages were NOT assessed** (see the warnings below).\n\n> ${NO_DATA}`,
    );
  });
});

describe('db status', () => {
  it('lists coverage per namespace and the end-of-life products', async () => {
    const status = await databaseStatus(
      {
        home: dir,
        advisoryDb: dbFile,
        previousAdvisoryDb: path.join(dir, 'none.db'),
        keyring: dir,
        snapshotDb: path.join(dir, 'none-snap.db'),
        trustedState: path.join(dir, 'none-trusted.json'),
      },
      NOW,
    );
    if (!status.installed) throw new Error('not installed');
    expect(status.namespaces.filter((n) => n.namespace.startsWith('alpine:')).map((n) => n.namespace)).toEqual([
      'alpine:3.3',
      'alpine:3.4',
      'alpine:3.5',
      'alpine:3.6',
      'alpine:3.7',
      'alpine:3.8',
      'alpine:3.10',
      'alpine:3.11',
      'alpine:3.20',
    ]);
    expect(status.namespaces.find((n) => n.namespace === 'alpine:3.20')).toEqual({
      namespace: 'alpine:3.20',
      records: 279,
      packages: 7,
    });
    expect(status.namespaces.find((n) => n.namespace === 'ubuntu:18.04')).toEqual({
      namespace: 'ubuntu:18.04',
      records: 3,
      packages: 2,
    });
    expect(status.endOfLife).toEqual([
      { product: 'python', releases: 3 },
      { product: 'ubuntu', releases: 3 },
    ]);
  });
});

/**
 * Staleness of the data a verdict rests on (issue 12), end to end: `--max-age` and
 * `--fail-on-stale` judge the data dates of the sources the image was matched against,
 * not the bundle's build time. The database is built from real feeds of ../shared/feeds
 * and stamped as a bundle built today, so the old rule (bundle age) would call it fresh:
 * the Debian tracker data in it is of 2024-04-23, Alpine's secdb records no data date.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import Quickview from '../src/commands/quickview.js';
import Scan from '../src/commands/scan.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { alpineImageTar } from './support/alpine-image.js';
import { shared } from './support/fixtures.js';
import { run } from './support/run-command.js';

const DEBIAN = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
const DAY_MS = 86_400_000;
/** The data date ../shared/feeds/debian-vuln-list-debian records (its PROVENANCE). */
const DEBIAN_DATE = '2024-04-23';
let t: TestDb;
let alpine: string;
let home: string;
let savedHome: string | undefined;

const daysSince = (date: string) => Math.floor((Date.now() - Date.parse(date)) / DAY_MS);
const debianStale = (limit = '7 days') =>
  `stale advisory data (limit ${limit}): debian-vuln-list (debian:bookworm) data of ${DEBIAN_DATE}, ${daysSince(DEBIAN_DATE)} days old; findings may miss recent vulnerabilities`;
const ALPINE_UNDATED =
  'advisory data of unknown age: alpine-secdb (alpine:3.20) record no data date, so the limit of 7 days cannot be checked';

beforeAll(async () => {
  const now = new Date();
  t = await buildFeedDb(['debian-vuln-list-debian', 'alpine-secdb', 'nvd', 'cisa-kev', 'epss'], {
    sequence: 31,
    created: now.toISOString(),
    expires: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
    signerKeyId: '4c80e0b7bcdb6092',
    formatVersion: 1,
    schemaVersion: 4,
  });
  alpine = await alpineImageTar('3.20.3');
  home = mkdtempSync(path.join(tmpdir(), 'airlock-stale-home-'));
  savedHome = process.env.AIRLOCK_HOME;
  process.env.AIRLOCK_HOME = home;
}, 180_000);
afterAll(async () => {
  await t?.close();
  if (savedHome === undefined) delete process.env.AIRLOCK_HOME;
  else process.env.AIRLOCK_HOME = savedHome;
  rmSync(home, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = 0;
});

describe('staleness of the matched sources', () => {
  it('a bundle built today over 2024 Debian data is stale for a Debian image, and the warning names the source', async () => {
    const quick = await run(Quickview, [DEBIAN, '--db', t.file]);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toContain('seq 31, 0 days old');
    expect(quick.stderr).toBe(`warning: ${debianStale()}\n`);

    const json = JSON.parse((await run(Cves, [DEBIAN, '--db', t.file, '--format', 'json'])).stdout);
    expect(json.warnings).toEqual([debianStale()]);
    // Only the source the image was matched against: not alpine-secdb (undated), not kev or epss.
    expect(json.staleness).toEqual({
      maxAgeDays: 7,
      sources: [
        {
          source: 'debian-vuln-list',
          namespaces: ['debian:bookworm'],
          dataDate: DEBIAN_DATE,
          ageDays: daysSince(DEBIAN_DATE),
        },
      ],
      stale: [expect.objectContaining({ source: 'debian-vuln-list' })],
      undated: [],
    });
  });

  it('every report format carries the warning', async () => {
    const out = async (format: string) => run(Cves, [DEBIAN, '--db', t.file, '--format', format]);
    const text = await out('packages');
    expect(text.stdout).toContain(`    ! ${debianStale()}\n`);
    expect((await out('markdown')).stdout).toContain(`> ${debianStale()}`);
    const sarif = JSON.parse((await out('sarif')).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: debianStale() } },
    ]);
    const cdx = JSON.parse((await out('cyclonedx')).stdout);
    expect(cdx.metadata.properties).toContainEqual({ name: 'airlock:warning', value: debianStale() });
    const spdx = JSON.parse((await out('spdx')).stdout);
    expect(spdx.creationInfo.comment).toContain(`Warning: ${debianStale()}`);
    const scan = await run(Scan, [DEBIAN, '--db', t.file, '--no-store']);
    expect(scan.code).toBe(0);
    expect(scan.stderr).toBe(`warning: ${debianStale()}\n`);
  });

  it('--max-age past the source age is silent; --fail-on-stale fails naming the stale source', async () => {
    const limit = daysSince(DEBIAN_DATE);
    const allowed = await run(Quickview, [DEBIAN, '--db', t.file, '--max-age', String(limit), '--fail-on-stale']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('');
    const failed = await run(Cves, [DEBIAN, '--db', t.file, '--max-age', String(limit - 1), '--fail-on-stale']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(
      `error: ${debianStale(`${limit - 1} days`)}\nhint: import a bundle built from newer feeds with \`airlock db import\`, or raise --max-age\n`,
    );
  });

  it('a matched source without a data date is reported as of unknown age, and fails --fail-on-stale', async () => {
    const quick = await run(Quickview, [alpine, '--db', t.file]);
    expect(quick.code).toBe(0);
    expect(quick.stderr).toBe(`warning: ${ALPINE_UNDATED}\n`);
    const json = JSON.parse((await run(Cves, [alpine, '--db', t.file, '--format', 'json'])).stdout);
    expect(json.staleness.undated).toEqual([{ source: 'alpine-secdb', namespaces: ['alpine:3.20'] }]);
    const failed = await run(Cves, [alpine, '--db', t.file, '--fail-on-stale', '--max-age', '100000']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `error: ${ALPINE_UNDATED.replace('7 days', '100000 days')}\nhint: import a bundle built from newer feeds with \`airlock db import\`, or raise --max-age\n`,
    );
  });

  it('--fail-on-stale stops before reading the image when no source of the database is fresh', async () => {
    const failed = await run(Cves, ['/nonexistent/image.tar', '--db', t.file, '--fail-on-stale', '--format', 'json']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(
      /^error: stale advisory data \(limit 7 days\): debian-vuln-list data of 2024-04-23, \d+ days old; /,
    );
    expect(failed.stderr).toContain('debian-vuln-list data of 2024-04-23');
    expect(failed.stderr).toContain('advisory data of unknown age: alpine-secdb record no data date');
  });
});

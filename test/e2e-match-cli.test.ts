/**
 * The commands, run in-process as a user would call them, on the real image and a
 * database built from ../shared/feeds: output files, exit codes, the missing-database
 * hint, bad flag values, and `compare` of two fixture images checked against their truth files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Compare from '../src/commands/compare.js';
import Cves from '../src/commands/cves.js';
import Quickview from '../src/commands/quickview.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { fixture, fixtures, shared, truthRows } from './support/fixtures.js';
import { run } from './support/run-command.js';

const IMAGE = path.join(shared, 'images/debian-bookworm-minbase.oci.tar');
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'cisa-kev', 'epss']);
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-cli-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = 0;
  vi.restoreAllMocks();
});

describe('airlock cves', () => {
  it('writes the JSON report to --output, naming the database it used', async () => {
    const out = path.join(dir, 'report.json');
    const result = await run(Cves, [IMAGE, '--db', t.file, '--format', 'json', '--output', out]);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.indexedPackages).toBe(88);
    expect(report.findings.map((f: { vulnId: string }) => f.vulnId)).toContain('CVE-2023-45853');
    expect(report.database).toMatchObject({ path: t.file, dataDate: expect.any(String) });
    expect(result.stderr).toContain('not imported from a signed bundle');
  });

  it('--exit-code: 2 when findings are left after the filters, 0 when none are', async () => {
    const high = await run(Cves, [
      IMAGE,
      '--db',
      t.file,
      '--exit-code',
      '--only-severity',
      'critical,high',
      '--format',
      'json',
    ]);
    expect(high.code).toBe(2);
    expect(JSON.parse(high.stdout).findings.map((f: { vulnId: string }) => f.vulnId)).toEqual(['CVE-2023-45853']);
    const critical = await run(Cves, [
      IMAGE,
      '--db',
      t.file,
      '--exit-code',
      '--only-severity',
      'critical',
      '--format',
      'json',
    ]);
    expect(critical.code).toBe(0);
    expect(JSON.parse(critical.stdout).findings).toEqual([]);
  });

  it('a missing database is a one-line error with the command that fixes it', async () => {
    const result = await run(Cves, [IMAGE, '--db', path.join(dir, 'none.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: no advisory database at ${path.join(dir, 'none.db')}\nhint: import a bundle first: airlock db import <bundle>\n`,
    );
  });

  it('refuses an unknown severity, listing the valid ones', async () => {
    const result = await run(Cves, [IMAGE, '--db', t.file, '--only-severity', 'severe']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--only-severity: unknown value "severe"');
    expect(result.stderr).toContain('critical, high, medium, low, unspecified');
  });

  it('--only-cve-id and --only-package (installed or source name) narrow findings and packages; EPSS filters keep only scored ones', async () => {
    const json = async (...flags: string[]) => {
      const result = await run(Cves, [IMAGE, '--db', t.file, '--format', 'json', ...flags]);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    type F = { vulnId: string; package: { name: string; sourceName?: string } };
    const all: F[] = (await json()).findings;
    const one = await json('--only-cve-id', 'cve-2023-45853');
    expect(one.findings.map((f: F) => [f.vulnId, f.package.name])).toEqual([['CVE-2023-45853', 'zlib1g']]);
    expect(one.filters).toEqual({ onlyCveId: ['CVE-2023-45853'] });

    // Regular expressions, as Scout takes them: util-linux's binaries (bsdutils, mount …) are
    // found by their source name, zlib1g by its own.
    const named = await json('--only-package', '^util-linux$,ZLIB1G');
    const expected = all.filter(
      (f) => f.package.name === 'zlib1g' || f.package.name === 'util-linux' || f.package.sourceName === 'util-linux',
    );
    expect(expected.length).toBeGreaterThan(8);
    expect(named.findings).toEqual(expected);
    expect(new Set(named.packages.map((p: { name: string }) => p.name))).toEqual(
      new Set(expected.map((f) => f.package.name)),
    );

    // CVSS metrics, all of them in the vector shown: zlib's CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H.
    const withVector = all.filter((f) =>
      (f as F & { severity: { cvss?: { vector?: string } } }).severity.cvss?.vector?.includes('/AV:N/'),
    );
    const network = await json('--only-metric', 'av:n');
    expect(network.findings).toEqual(withVector);
    expect(network.findings.map((f: F) => f.vulnId)).toContain('CVE-2023-45853');
    expect((await json('--only-metric', 'AV:N,UI:R')).findings.map((f: F) => f.vulnId)).toEqual(
      withVector
        .filter((f) => (f as F & { severity: { cvss: { vector: string } } }).severity.cvss.vector.includes('/UI:R/'))
        .map((f) => f.vulnId),
    );
    expect((await json('--only-metric', 'AV:P')).findings).toEqual([]);
    const badMetric = await run(Cves, [IMAGE, '--db', t.file, '--only-metric', 'network']);
    expect([badMetric.code, badMetric.stderr.split('\n')[0]]).toEqual([
      1,
      'error: --only-metric: "NETWORK" is not a CVSS metric',
    ]);

    // The feeds have no EPSS score for any CVE of this image: a threshold leaves nothing.
    expect((await json('--epss-score', '0')).findings).toEqual([]);
    expect((await json('--epss-percentile', '0.5')).findings).toEqual([]);
    const badPattern = await run(Cves, [IMAGE, '--db', t.file, '--only-package', 'lib(']);
    expect([badPattern.code, badPattern.stderr.split('\n')[0]]).toEqual([
      1,
      'error: --only-package: "lib(" is not a valid regular expression',
    ]);
    const bad = await run(Cves, [IMAGE, '--db', t.file, '--epss-score', '95']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      'error: --epss-score: "95" is not a number from 0 to 1\nhint: EPSS scores and percentiles are fractions: 0.5 is 50%\n',
    ]);
  });

  it('--only-package-type npm leaves nothing of a Debian image; only-packages lists no package', async () => {
    const result = await run(Cves, [
      IMAGE,
      '--db',
      t.file,
      '--only-package-type',
      'npm',
      '--format',
      'only-packages',
      '--only-vuln-packages',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No vulnerable package detected');
  });
});

describe('airlock quickview', () => {
  it('prints the box without colors when stdout is not a terminal', async () => {
    const result = await run(Quickview, [IMAGE, '--db', t.file]);
    expect(result.stdout.split('\n')[1]).toBe(
      '  Your image  debian-bookworm-minbase.oci.tar   │    0C     1H     0M    10L     3U',
    );
    // eslint-disable-next-line no-control-regex -- the escape sequences are what the test looks for
    expect(result.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('airlock compare', () => {
  it('app against base (fixture images): package changes equal the truth files', async () => {
    const out = path.join(dir, 'compare.json');
    const result = await run(Compare, [
      fixture('app.docker.tar'),
      '--to',
      fixture('base.docker.tar'),
      '--db',
      t.file,
      '--format',
      'json',
      '--ignore-unchanged',
      '--output',
      out,
    ]);
    expect(result.code).toBe(0);
    const compare = JSON.parse(readFileSync(out, 'utf8'));
    const versions = (truth: string) => {
      const map = new Map<string, string>();
      for (const [name, version] of truthRows(path.join(fixtures, `${truth}.truth/dpkg.tsv`))) map.set(name, version);
      return map;
    };
    const app = versions('app');
    const base = versions('base');
    const expected = [
      ...[...app.keys()].filter((n) => !base.has(n)).map((n) => `added ${n}`),
      ...[...base.keys()].filter((n) => !app.has(n)).map((n) => `removed ${n}`),
      ...[...app.keys()].filter((n) => base.has(n) && base.get(n) !== app.get(n)).map((n) => `changed ${n}`),
    ].sort();
    const debs = compare.packages.filter((p: { type: string }) => p.type === 'deb');
    expect(debs.map((p: { kind: string; name: string }) => `${p.kind} ${p.name}`).sort()).toEqual(expected);
    expect(compare.image.packages).toBeGreaterThan(compare.other.packages);
    for (const band of ['critical', 'high', 'medium', 'low', 'unspecified']) {
      expect(compare.delta[band]).toBe(compare.image.counts[band] - compare.other.counts[band]);
    }
  });
});

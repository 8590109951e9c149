/**
 * One package, one owner (issue 12), end to end on the app fixture image: python3-requests,
 * python3-urllib3, python3-idna and python3-certifi (bookworm debs) install egg-infos that
 * the Python cataloger reports as PyPI packages owned by those debs. Debian backports fixes
 * into its own versions, so PyPI's fixed versions would be false positives: by default
 * they are matched only through the owning deb; `--include-os-owned` brings both. The
 * database is built from the real Debian vuln-list and PyPA OSV records in ../shared/feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import Sbom from '../src/commands/sbom.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { fixture } from './support/fixtures.js';
import { run } from './support/run-command.js';

const APP = fixture('app.docker.tar');
let t: TestDb;
beforeAll(async () => {
  t = await buildFeedDb(['debian-vuln-list-debian', 'pypa-osv']);
}, 120_000);
afterAll(() => t?.close());

type F = {
  vulnId: string;
  package: { type: string; name: string; version: string; ownedBy?: { type: string; name: string } };
};
const pypi = (findings: F[]) =>
  [
    ...new Set(
      findings
        .filter((f) => f.package.type === 'pypi')
        .map(
          (f) =>
            `${f.package.name} ${f.package.version}${f.package.ownedBy ? ` (${f.package.ownedBy.type} ${f.package.ownedBy.name})` : ''}`,
        ),
    ),
  ].sort();

describe('language packages an OS package owns', () => {
  it('are matched only through their deb by default, and the coverage says so', async () => {
    const r = await run(Cves, [APP, '--db', t.file, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(pypi(report.findings)).toEqual(['pip 23.0.1']);
    expect(report.coverage.filter((e: { packageType: string }) => e.packageType === 'pypi')).toEqual([
      {
        packageType: 'pypi',
        os: false,
        packages: 8,
        status: 'os_owned',
        records: 0,
        sources: [],
        reason: 'their files belong to deb packages, matched through those',
      },
      {
        packageType: 'pypi',
        os: false,
        packages: 2,
        namespace: 'PyPI',
        status: 'assessed',
        records: expect.any(Number),
        sources: ['osv'],
      },
    ]);
  });

  it('--include-os-owned matches them against PyPI too, each finding naming its owner', async () => {
    const report = JSON.parse(
      (await run(Cves, [APP, '--db', t.file, '--format', 'json', '--include-os-owned'])).stdout,
    );
    expect(pypi(report.findings)).toEqual([
      'certifi 2022.9.24 (deb python3-certifi)',
      'idna 3.3 (deb python3-idna)',
      'pip 23.0.1',
      'requests 2.28.1 (deb python3-requests)',
      'urllib3 1.26.12 (deb python3-urllib3)',
    ]);
    const text = (
      await run(Cves, [APP, '--db', t.file, '--include-os-owned', '--locations', '--only-package', '^urllib3$'])
    ).stdout;
    // The layer is the fixture's apt layer, whose digest changes whenever Debian's archive does.
    const sbom = JSON.parse((await run(Sbom, [APP, '--format', 'json'])).stdout);
    const urllib3 = (sbom.packages as { name: string; type: string; locations: { layerDiffId: string }[] }[]).find(
      (p) => p.name === 'urllib3' && p.type === 'pypi',
    )!;
    const layer = urllib3.locations[0].layerDiffId.slice(0, 'sha256:'.length + 12);
    expect(text).toContain(
      `locations\n  urllib3 1.26.12  /usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO · layer ${layer} · owned by deb python3-urllib3\n`,
    );
  });

  it('the SBOM shows the owner: the table, CycloneDX and SPDX', async () => {
    const table = (await run(Sbom, [APP])).stdout.split('\n').filter((l) => /^pypi +urllib3 /.test(l));
    expect(table.map((l) => l.replace(/ +/g, ' '))).toEqual(['pypi urllib3 1.26.12 owned by deb python3-urllib3 1']);
    const cdx = JSON.parse((await run(Sbom, [APP, '--format', 'cyclonedx'])).stdout);
    const urllib3 = cdx.components.find((c: { purl: string }) => c.purl === 'pkg:pypi/urllib3@1.26.12');
    expect(urllib3.properties).toContainEqual({ name: 'airlock:package:ownedBy', value: 'deb:python3-urllib3' });
    const spdx = JSON.parse((await run(Sbom, [APP, '--format', 'spdx'])).stdout);
    const pkg = spdx.packages.find(
      (p: { name: string; versionInfo: string }) => p.name === 'urllib3' && p.versionInfo === '1.26.12',
    );
    expect(pkg.annotations.map((a: { comment: string }) => a.comment)).toContain(
      'airlock:package:ownedBy=deb:python3-urllib3',
    );
  });
});

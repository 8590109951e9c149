/**
 * AlmaLinux and Rocky Linux over Red Hat for the same CVE, end to end: rpm databases
 * written by rpm itself into images with each rebuild's real os-release, scanned with
 * `airlock cves` against a database holding both the rebuild's real OSV sample and Red
 * Hat's data for the same CVE. The rebuild's advisory decides (its row, its erratum, its
 * namespace), one finding per CVE — Red Hat's row for the source rpm does not add a second
 * — and the finding says which data decided. A CVE the rebuild's OSV does not name is
 * decided by Red Hat's data (the real per-CVE JSON samples), as before.
 *
 * Where Red Hat's side comes from: ../shared holds no Red Hat document for any CVE the
 * AlmaLinux or Rocky samples name, so test/support/redhat-cve-doc.ts writes one in the
 * Security Data API's shape stating only what the rebuild's own erratum says of Red Hat's:
 * ALSA-2023:4520 links RHSA-2023:4520 and ships Red Hat's NEVRA (python-requests
 * 2.20.0-3.el8_8, a `.el8_8` build); RLSA-2023:3220 carries Red Hat's erratum number and
 * NEVRA (firefox 102.11.0-2.el8_7). Rating as each erratum's summary gives it.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import { buildRpms, sqliteRpmDb, type RpmFixture } from '../src/catalogers/rpm/testdata/rpmdb-builder.js';
import { SAMPLES, sampleDb, type SampleDb } from '../src/match/testdata/sample-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { writeRedHatCveDoc } from './support/redhat-cve-doc.js';
import { run } from './support/run-command.js';

/** /etc/os-release of the almalinux:8 and rockylinux:8 images (the fields the detector reads). */
const OS_RELEASE = {
  alma8:
    'NAME="AlmaLinux"\nVERSION="8.8 (Sapphire Caracal)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.8"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="AlmaLinux 8.8 (Sapphire Caracal)"\n',
  rocky8:
    'NAME="Rocky Linux"\nVERSION="8.7 (Green Obsidian)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.7"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Rocky Linux 8.7 (Green Obsidian)"\n',
};

const spec = (name: string, version: string, release: string, binaries: string[]) => `Name: ${name}
Version: ${version}
Release: ${release}
Summary: ${name} as the distribution names it
License: airlock test package
BuildArch: noarch
%description
test
${binaries
  .filter((b) => b !== name)
  .map((b) => `%package -n ${b}\nSummary: ${b}\n%description -n ${b}\n${b}\n`)
  .join('')}
%install
mkdir -p %{buildroot}/usr/share/${name}
${binaries.map((b) => `echo ${b} > %{buildroot}/usr/share/${name}/${b}`).join('\n')}
${binaries.map((b) => `%files${b === name ? '' : ` -n ${b}`}\n/usr/share/${name}/${b}\n`).join('')}`;

const RHEL8_APPSTREAM = {
  productName: 'Red Hat Enterprise Linux 8',
  cpe: 'cpe:/a:redhat:enterprise_linux:8::appstream',
};
const ROCKY_FIREFOX = [
  'CVE-2023-32205',
  'CVE-2023-32206',
  'CVE-2023-32207',
  'CVE-2023-32211',
  'CVE-2023-32212',
  'CVE-2023-32213',
  'CVE-2023-32215',
];

let before: RpmFixture;
let atFix: RpmFixture;
let db: SampleDb;

beforeAll(async () => {
  before = buildRpms({
    'python-requests': spec('python-requests', '2.20.0', '2.1.el8_1', ['python3-requests']),
    firefox: spec('firefox', '102.10.0', '1.el8_7', ['firefox']),
  });
  atFix = buildRpms({ 'python-requests': spec('python-requests', '2.20.0', '3.el8_8', ['python3-requests']) });
  const full = path.join(SAMPLES, 'rhel/test-fixtures/oval/input/cve/full');
  db = await sampleDb(['alma', 'rocky'], [], (feedsDir) => {
    // Red Hat's real per-CVE JSON (firefox's CVE-2023-4863/5129/5217 among them), as in e2e-match-rhel-rebuilds.
    const real = path.join(feedsDir, 'redhat-cve-json');
    mkdirSync(real);
    for (const name of readdirSync(full))
      copyFileSync(path.join(full, name), path.join(real, `${name.toLowerCase()}.json`));
    const stated = path.join(feedsDir, 'redhat-cve-json-from-rebuild-errata');
    writeRedHatCveDoc(stated, {
      cve: 'CVE-2023-32681',
      threatSeverity: 'Moderate',
      fixes: [{ ...RHEL8_APPSTREAM, advisory: 'RHSA-2023:4520', package: 'python-requests-0:2.20.0-3.el8_8' }],
    });
    for (const cve of ROCKY_FIREFOX)
      writeRedHatCveDoc(stated, {
        cve,
        threatSeverity: 'Important',
        fixes: [{ ...RHEL8_APPSTREAM, advisory: 'RHSA-2023:3220', package: 'firefox-0:102.11.0-2.el8_7' }],
      });
  });
});
afterAll(async () => {
  before?.cleanup();
  atFix?.cleanup();
  await db?.close();
});

interface JsonFinding {
  package: { name: string; version: string };
  vulnId: string;
  status: string;
  fixedVersion?: string;
  fixedBy?: string;
  namespace: string;
  source: string;
}

async function image(osRelease: string, rpms: RpmFixture, names: string[]): Promise<string> {
  return writeTemp(
    await dockerClassicTar({
      layers: [
        [
          { path: 'etc/os-release', content: osRelease },
          { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(sqliteRpmDb(rpms, names)) },
        ],
      ],
    }),
    'rebuild-precedence.tar',
  );
}

async function cves(osRelease: string, rpms: RpmFixture, names: string[]) {
  const result = await run(Cves, [await image(osRelease, rpms, names), '--db', db.file, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout).findings as JsonFinding[])
    .map((f) => [f.package.name, f.vulnId, f.status, f.fixedVersion, f.fixedBy, f.namespace, f.source])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
}

describe("a rebuild's own advisory over Red Hat's data for the same CVE", () => {
  it("Red Hat's rows for the rebuilds' CVEs are in the database beside the rebuilds' own", async () => {
    expect(db.build.warnings).toEqual([]);
    const rows = await db.db
      .selectFrom('affected')
      .select(['vuln_id', 'namespace', 'package', 'fixed_version', 'source'])
      .where('vuln_id', 'in', ['CVE-2023-32681', 'CVE-2023-32205'])
      .orderBy('vuln_id')
      .orderBy('namespace')
      .execute();
    expect(rows.map((r) => [r.vuln_id, r.namespace, r.package, r.fixed_version, r.source])).toEqual([
      ['CVE-2023-32205', 'redhat:8', 'firefox', '102.11.0-2.el8_7', 'redhat-cve-json'],
      ['CVE-2023-32205', 'rocky:8', 'firefox', '102.11.0-2.el8_7', 'rocky-osv'],
      ['CVE-2023-32681', 'almalinux:8', 'python3-requests', '2.20.0-3.el8_8', 'almalinux-osv'],
      ['CVE-2023-32681', 'redhat:8', 'python-requests', '2.20.0-3.el8_8', 'redhat-cve-json'],
    ]);
  });

  it('AlmaLinux 8: CVE-2023-32681 is decided by ALSA-2023:4520, once; the firefox CVEs no ALSA names by Red Hat', async () => {
    expect(await cves(OS_RELEASE.alma8, before, ['python3-requests', 'firefox'])).toEqual([
      // No ALSA in the data names firefox's May 2023 CVEs for AlmaLinux: Red Hat's RHSA-2023:3220 decides them.
      ...ROCKY_FIREFOX.map((cve) => [
        'firefox',
        cve,
        'fixed',
        '102.11.0-2.el8_7',
        'RHSA-2023:3220',
        'redhat:8',
        'redhat-cve-json',
      ]),
      ['firefox', 'CVE-2023-4863', 'fixed', '102.15.1-1.el8_8', 'RHSA-2023:5184', 'redhat:8', 'redhat-cve-json'],
      ['firefox', 'CVE-2023-5129', 'fixed', '102.15.1-1.el8_8', 'RHSA-2023:5184', 'redhat:8', 'redhat-cve-json'],
      ['firefox', 'CVE-2023-5217', 'fixed', '115.3.1-1.el8_8', 'RHSA-2023:5433', 'redhat:8', 'redhat-cve-json'],
      [
        'python3-requests',
        'CVE-2023-32681',
        'fixed',
        '2.20.0-3.el8_8',
        'ALSA-2023:4520',
        'almalinux:8',
        'almalinux-osv',
      ],
    ]);
  });

  it("AlmaLinux 8 at ALSA-2023:4520's build: not affected, by either source", async () => {
    expect(await cves(OS_RELEASE.alma8, atFix, ['python3-requests'])).toEqual([]);
  });

  it("Rocky Linux 8: RLSA-2023:3220 decides its seven CVEs, once each; Red Hat's data the three it does not name", async () => {
    expect(await cves(OS_RELEASE.rocky8, before, ['firefox'])).toEqual([
      ...ROCKY_FIREFOX.map((cve) => [
        'firefox',
        cve,
        'fixed',
        '102.11.0-2.el8_7',
        'RLSA-2023:3220',
        'rocky:8',
        'rocky-osv',
      ]),
      ['firefox', 'CVE-2023-4863', 'fixed', '102.15.1-1.el8_8', 'RHSA-2023:5184', 'redhat:8', 'redhat-cve-json'],
      ['firefox', 'CVE-2023-5129', 'fixed', '102.15.1-1.el8_8', 'RHSA-2023:5184', 'redhat:8', 'redhat-cve-json'],
      ['firefox', 'CVE-2023-5217', 'fixed', '115.3.1-1.el8_8', 'RHSA-2023:5433', 'redhat:8', 'redhat-cve-json'],
    ]);
  });

  it('the text report says which data decided, for the shared CVE and for the fallback', async () => {
    const result = await run(Cves, [
      await image(OS_RELEASE.alma8, before, ['python3-requests', 'firefox']),
      '--db',
      db.file,
      '--only-cve-id',
      'CVE-2023-32681,CVE-2023-4863',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const decided = result.stdout.split('\n').filter((line) => line.includes('Decided by'));
    expect(decided.map((line) => line.trim()).sort()).toEqual([
      "Decided by     : AlmaLinux's own advisory (almalinux-osv, almalinux:8)",
      "Decided by     : Red Hat's data (redhat-cve-json, redhat:8); no AlmaLinux advisory names it",
    ]);
  });
});

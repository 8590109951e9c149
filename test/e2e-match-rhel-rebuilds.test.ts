/**
 * AlmaLinux, Rocky Linux and Red Hat's per-CVE verdicts end to end: rpm databases written
 * by rpm itself (rpmbuild + rpm -i --justdb) into images with each distribution's real
 * os-release, scanned with `airlock cves --format json` against a database built from the
 * real AlmaLinux and Rocky OSV samples, Red Hat's per-CVE JSON samples and the Red Hat CSAF
 * advisories of ../shared/feeds. Packages carry the names, source rpms (and, for ruby, the
 * module label) of the builds those documents name, one build before the fix.
 *
 * What it shows: a rebuild's own advisory decides the CVEs it names (source
 * `almalinux-osv` / `rocky-osv`, the ALSA/RLSA as fixer); Red Hat's data decides the rest
 * (`redhat-csaf`, `redhat-cve-json`), including will-not-fix; a not-affected verdict gives
 * no finding.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import { buildRpms, sqliteRpmDb, type RpmFixture } from '../src/catalogers/rpm/testdata/rpmdb-builder.js';
import { SAMPLES, sampleDb, type SampleDb } from '../src/match/testdata/sample-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

/** /etc/os-release of the almalinux:8/9, rockylinux:8/9 and ubi8 images (the fields the detector reads). */
const OS_RELEASE = {
  alma9:
    'NAME="AlmaLinux"\nVERSION="9.4 (Seafoam Ocelot)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="AlmaLinux 9.4 (Seafoam Ocelot)"\n',
  alma8:
    'NAME="AlmaLinux"\nVERSION="8.8 (Sapphire Caracal)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.8"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="AlmaLinux 8.8 (Sapphire Caracal)"\n',
  rocky9:
    'NAME="Rocky Linux"\nVERSION="9.3 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n',
  rocky8:
    'NAME="Rocky Linux"\nVERSION="8.7 (Green Obsidian)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.7"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Rocky Linux 8.7 (Green Obsidian)"\n',
  rhel8:
    'NAME="Red Hat Enterprise Linux"\nVERSION="8.10 (Ootpa)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="8.10"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Red Hat Enterprise Linux 8.10 (Ootpa)"\n',
};

const spec = (
  name: string,
  epoch: string | undefined,
  version: string,
  release: string,
  binaries: string[],
  modularityLabel?: string,
) => `Name: ${name}
${epoch ? `Epoch: ${epoch}\n` : ''}Version: ${version}
Release: ${release}
${modularityLabel ? `ModularityLabel: ${modularityLabel}\n` : ''}Summary: ${name} as the distribution names it
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

let el9: RpmFixture;
let el8: RpmFixture;
let modular: RpmFixture;
let db: SampleDb;

beforeAll(async () => {
  // Separate builds where two images need a package of the same name at different versions.
  el9 = buildRpms({
    avahi: spec('avahi', undefined, '0.8', '12.el9', ['avahi-libs']),
    'python3.9': spec('python3.9', undefined, '3.9.18', '1.el9', ['python3-libs']),
    ghostscript: spec('ghostscript', undefined, '9.54.0', '14.el9', ['libgs']),
    ruby: spec('ruby', undefined, '3.0.4', '160.el9_0', ['ruby-libs']),
  });
  el8 = buildRpms({
    'python-requests': spec('python-requests', undefined, '2.20.0', '2.1.el8_1', ['python3-requests']),
    OpenEXR: spec('OpenEXR', undefined, '2.2.0', '11.el8', ['OpenEXR-libs']),
    firefox: spec('firefox', undefined, '102.10.0', '1.el8_7', ['firefox']),
  });
  modular = buildRpms({
    ruby: spec(
      'ruby',
      undefined,
      '3.3.0',
      '1.module+el9.3.0+17000+abcdef12',
      ['ruby'],
      'ruby:3.3:9030020231201000000:8cf767d6',
    ),
  });
  const full = path.join(SAMPLES, 'rhel/test-fixtures/oval/input/cve/full');
  db = await sampleDb(['alma', 'rocky', 'rhel/test-fixtures/csaf/hydra'], ['redhat-csaf-samples'], (feedsDir) => {
    // The same per-CVE JSON as csaf/hydra, kept by vunnel without an extension: copied as cve-*.json.
    const dir = path.join(feedsDir, 'redhat-cve-json');
    mkdirSync(dir);
    for (const name of readdirSync(full))
      copyFileSync(path.join(full, name), path.join(dir, `${name.toLowerCase()}.json`));
  });
});
afterAll(async () => {
  el9?.cleanup();
  el8?.cleanup();
  modular?.cleanup();
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

async function cves(osRelease: string, rpms: RpmFixture, names: string[]) {
  const image = writeTemp(
    await dockerClassicTar({
      layers: [
        [
          { path: 'etc/os-release', content: osRelease },
          { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(sqliteRpmDb(rpms, names)) },
        ],
      ],
    }),
    'rebuild.tar',
  );
  const result = await run(Cves, [image, '--db', db.file, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  const findings = (JSON.parse(result.stdout).findings as JsonFinding[]).map((f) => [
    f.package.name,
    f.vulnId,
    f.status,
    f.fixedVersion,
    f.fixedBy,
    f.namespace,
    f.source,
  ]);
  return findings.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
}

describe('airlock cves on AlmaLinux, Rocky Linux and RHEL images', () => {
  it('the samples import, each into its own source', () => {
    expect(db.build.warnings).toEqual([]);
    expect(db.build.sources.map((s) => [s.name, s.records]).sort()).toEqual([
      ['almalinux-osv', 18],
      ['redhat-csaf', 4],
      ['redhat-cve-json', 22],
      ['rocky-osv', 20],
    ]);
  });

  it("AlmaLinux 9: avahi-libs is decided by ALSA-2024:2433, python3-libs (no ALSA in the data) by Red Hat's RHSA, ghostscript by Red Hat's will-not-fix", async () => {
    const avahi = ['CVE-2023-38469', 'CVE-2023-38470', 'CVE-2023-38471', 'CVE-2023-38472', 'CVE-2023-38473'];
    expect(await cves(OS_RELEASE.alma9, el9, ['avahi-libs', 'python3-libs', 'libgs'])).toEqual([
      ...avahi.map((cve) => [
        'avahi-libs',
        cve,
        'fixed',
        '0.8-20.el9',
        'ALSA-2024:2433',
        'almalinux:9',
        'almalinux-osv',
      ]),
      ['libgs', 'CVE-2019-25059', 'will_not_fix', undefined, undefined, 'redhat:9', 'redhat-cve-json'],
      ['python3-libs', 'CVE-2024-8088', 'fixed', '3.9.19-8.el9', 'RHSA-2024:9371', 'redhat:9', 'redhat-csaf'],
    ]);
  });

  it('AlmaLinux 8: python3-requests fixed by ALSA-2023:4520; OpenEXR-libs not affected by CVE-2020-16588 (Red Hat), will-not-fix for the other three', async () => {
    expect(await cves(OS_RELEASE.alma8, el8, ['python3-requests', 'OpenEXR-libs'])).toEqual([
      ['OpenEXR-libs', 'CVE-2020-16587', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2021-20298', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2021-20299', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
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

  it("Rocky Linux 9: modular ruby:3.3 is fixed by RLSA-2024:3671; the non-modular ruby is not affected by that module's fix", async () => {
    const fixed = '3.3.1-2.module+el9.4.0+20787+4c237fd3';
    expect(await cves(OS_RELEASE.rocky9, modular, ['ruby'])).toEqual(
      ['CVE-2024-27280', 'CVE-2024-27281', 'CVE-2024-27282'].map((cve) => [
        'ruby',
        cve,
        'fixed',
        fixed,
        'RLSA-2024:3671',
        'rocky:9',
        'rocky-osv',
      ]),
    );
    expect(await cves(OS_RELEASE.rocky9, el9, ['ruby-libs'])).toEqual([]);
  });

  it("Rocky Linux 8: firefox 102.10.0-1.el8_7 has the CVEs of RLSA-2023:3220 from Rocky, and the later ones only Red Hat's data names from Red Hat", async () => {
    const rocky = [
      'CVE-2023-32205',
      'CVE-2023-32206',
      'CVE-2023-32207',
      'CVE-2023-32211',
      'CVE-2023-32212',
      'CVE-2023-32213',
      'CVE-2023-32215',
    ];
    // OpenEXR-libs: Red Hat's RHEL 8 verdicts speak for Rocky 8 too; not affected by CVE-2020-16588.
    expect(await cves(OS_RELEASE.rocky8, el8, ['firefox', 'OpenEXR-libs'])).toEqual([
      ...rocky.map((cve) => ['firefox', cve, 'fixed', '102.11.0-2.el8_7', 'RLSA-2023:3220', 'rocky:8', 'rocky-osv']),
      ['firefox', 'CVE-2023-4863', 'fixed', '102.15.1-1.el8_8', 'RHSA-2023:5184', 'redhat:8', 'redhat-cve-json'],
      ['firefox', 'CVE-2023-5129', 'fixed', '102.15.1-1.el8_8', 'RHSA-2023:5184', 'redhat:8', 'redhat-cve-json'],
      ['firefox', 'CVE-2023-5217', 'fixed', '115.3.1-1.el8_8', 'RHSA-2023:5433', 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2020-16587', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2021-20298', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2021-20299', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
    ]);
  });

  it('the text report says which data decided each finding', async () => {
    const image = writeTemp(
      await dockerClassicTar({
        layers: [
          [
            { path: 'etc/os-release', content: OS_RELEASE.alma9 },
            {
              path: 'var/lib/rpm/rpmdb.sqlite',
              content: readFileSync(sqliteRpmDb(el9, ['avahi-libs', 'python3-libs'])),
            },
          ],
        ],
      }),
      'alma-text.tar',
    );
    const result = await run(Cves, [image, '--db', db.file, '--only-cve-id', 'CVE-2023-38469,CVE-2024-8088']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Decided by     : AlmaLinux's own advisory (almalinux-osv, almalinux:9)");
    expect(result.stdout).toContain(
      "Decided by     : Red Hat's data (redhat-csaf, redhat:9); no AlmaLinux advisory names it",
    );
  });

  it("RHEL 8: the same OpenEXR-libs gets Red Hat's per-CVE verdicts; the AlmaLinux advisory for python3-requests does not apply to RHEL", async () => {
    expect(await cves(OS_RELEASE.rhel8, el8, ['python3-requests', 'OpenEXR-libs'])).toEqual([
      ['OpenEXR-libs', 'CVE-2020-16587', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2021-20298', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
      ['OpenEXR-libs', 'CVE-2021-20299', 'will_not_fix', undefined, undefined, 'redhat:8', 'redhat-cve-json'],
    ]);
  });
});

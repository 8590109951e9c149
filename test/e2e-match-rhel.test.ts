/**
 * RHEL end to end: rpm databases written by rpm itself (rpmbuild + rpm -i --justdb) into
 * images with a real RHEL os-release, scanned with `airlock cves` against a database
 * built from the real Red Hat CSAF advisories in ../shared/feeds/redhat-csaf-samples.
 * The packages carry the names and source rpms of RHEL's own python3.9 and bind builds,
 * at versions before the advisories' fixes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import {
  bdbRpmDb,
  buildRpms,
  sqliteBlobs,
  sqliteRpmDb,
  type RpmFixture,
} from '../src/catalogers/rpm/testdata/rpmdb-builder.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

/** /etc/os-release of Red Hat's ubi9 9.5 and ubi6-era RHEL 6.10 images (the fields the detector reads). */
const RHEL95 =
  'NAME="Red Hat Enterprise Linux"\nVERSION="9.5 (Plow)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.5"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Red Hat Enterprise Linux 9.5 (Plow)"\n';
const RHEL610 =
  'NAME="Red Hat Enterprise Linux Server"\nVERSION="6.10 (Santiago)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="6.10"\nPRETTY_NAME="Red Hat Enterprise Linux Server 6.10 (Santiago)"\n';

/** Source packages named and versioned as RHEL's; one file per binary so rpmbuild emits it. */
const spec = (
  name: string,
  epoch: string | undefined,
  version: string,
  release: string,
  binaries: string[],
) => `Name: ${name}
${epoch ? `Epoch: ${epoch}\n` : ''}Version: ${version}
Release: ${release}
Summary: ${name} as RHEL names it
License: airlock test package
BuildArch: noarch
%description
test
${binaries.map((b) => `%package -n ${b}\nSummary: ${b}\n%description -n ${b}\n${b}\n`).join('')}
%install
mkdir -p %{buildroot}/usr/share/${name}
${binaries.map((b) => `echo ${b} > %{buildroot}/usr/share/${name}/${b}`).join('\n')}
${binaries.map((b) => `%files -n ${b}\n/usr/share/${name}/${b}\n`).join('')}`;

let rpms: RpmFixture;
let db: TestDb;
let work: string;

beforeAll(async () => {
  rpms = buildRpms({
    'python3.9': spec('python3.9', undefined, '3.9.18', '1.el9', ['python3', 'python3-libs']),
    bind: spec('bind', '32', '9.8.2', '0.68.rc1.el6_10.13', ['bind-libs', 'bind-chroot']),
  });
  db = await buildFeedDb(['redhat-csaf-samples', 'nvd']);
  work = mkdtempSync(path.join(tmpdir(), 'airlock-rhel-'));
});
afterAll(async () => {
  rpms?.cleanup();
  await db?.close();
  rmSync(work, { recursive: true, force: true });
});

async function cves(osRelease: string, dbPath: string, dbFile: string) {
  const image = writeTemp(
    await dockerClassicTar({
      layers: [
        [
          { path: 'etc/os-release', content: osRelease },
          { path: dbPath, content: readFileSync(dbFile) },
        ],
      ],
    }),
    'rhel.tar',
  );
  const result = await run(Cves, [image, '--db', db.file, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout);
  return report.findings.map(
    (f: {
      package: { name: string; version: string };
      vulnId: string;
      status: string;
      fixedVersion?: string;
      fixedBy?: string;
      namespace: string;
      severity: { band: string };
    }) => [
      f.package.name,
      f.package.version,
      f.vulnId,
      f.status,
      f.fixedVersion,
      f.fixedBy,
      f.namespace,
      f.severity.band,
    ],
  );
}

describe('airlock cves on RHEL images', () => {
  it('RHEL 9.5, rpmdb.sqlite: both binaries of python3.9 3.9.18-1.el9 are fixed by RHSA-2024:9371', async () => {
    const file = sqliteRpmDb(rpms, ['python3', 'python3-libs']);
    expect(await cves(RHEL95, 'var/lib/rpm/rpmdb.sqlite', file)).toEqual([
      ['python3', '3.9.18-1.el9', 'CVE-2024-8088', 'fixed', '3.9.19-8.el9', 'RHSA-2024:9371', 'redhat:9', 'medium'],
      [
        'python3-libs',
        '3.9.18-1.el9',
        'CVE-2024-8088',
        'fixed',
        '3.9.19-8.el9',
        'RHSA-2024:9371',
        'redhat:9',
        'medium',
      ],
    ]);
  });

  it('RHEL 6.10, Berkeley DB Packages: bind-libs has both CVEs of the ELS advisory, bind-chroot (not affected) none', async () => {
    const file = bdbRpmDb(rpms, sqliteBlobs(sqliteRpmDb(rpms, ['bind-libs', 'bind-chroot'])), 4096);
    expect(await cves(RHEL610, 'var/lib/rpm/Packages', file)).toEqual([
      [
        'bind-libs',
        '32:9.8.2-0.68.rc1.el6_10.13',
        'CVE-2025-40778',
        'fixed',
        '32:9.8.2-0.68.rc1.el6_10.17',
        'RHSA-2025:23414',
        'redhat:6',
        'high',
      ],
      [
        'bind-libs',
        '32:9.8.2-0.68.rc1.el6_10.13',
        'CVE-2021-25220',
        'fixed',
        '32:9.8.2-0.68.rc1.el6_10.17',
        'RHSA-2025:23414',
        'redhat:6',
        'medium',
      ],
    ]);
  });
});

/**
 * Amazon Linux, Oracle Linux, SUSE, Azure Linux / CBL-Mariner and Photon OS end to end:
 * rpm databases written by rpm itself (rpmbuild + rpm -i --justdb) into images with each
 * distro's real os-release, scanned with `airlock cves` against a database built by the
 * real build path from the real advisory documents in ../shared/feed-samples/vunnel.
 * Each package is named and versioned as that distro ships it, at a version before the
 * document's fix (or at a version the document says is not affected).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import { buildRpms, sqliteRpmDb } from '../src/catalogers/rpm/testdata/rpmdb-builder.js';
import { buildAdvisoryDatabase } from '../src/db/build.js';
import { importer as amazonAlas } from '../src/feeds/amazon-alas/index.js';
import { importer as marinerOval } from '../src/feeds/mariner-oval/index.js';
import { importer as oracleOval } from '../src/feeds/oracle-oval/index.js';
import { importer as photonCve } from '../src/feeds/photon-cve/index.js';
import { importer as suseOval } from '../src/feeds/suse-oval/index.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');

/** /etc/os-release as each distro's images ship it (the fields the detector reads, and the ones around them). */
const OS_RELEASE = {
  amzn2:
    'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2"\nHOME_URL="https://amazonlinux.com/"\n',
  amzn2022:
    'NAME="Amazon Linux"\nVERSION="2022"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2022"\nPLATFORM_ID="platform:al2022"\nPRETTY_NAME="Amazon Linux 2022"\nANSI_COLOR="0;33"\n',
  amzn2023:
    'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"\n',
  ol7: 'NAME="Oracle Linux Server"\nVERSION="7.9"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="7.9"\nPRETTY_NAME="Oracle Linux Server 7.9"\nCPE_NAME="cpe:/o:oracle:linux:7:9:server"\n',
  ol8: 'NAME="Oracle Linux Server"\nVERSION="8.10"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="8.10"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Oracle Linux Server 8.10"\n',
  sles15:
    'NAME="SLES"\nVERSION="15"\nVERSION_ID="15"\nPRETTY_NAME="SUSE Linux Enterprise Server 15"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15"\n',
  sles15sp1:
    'NAME="SLES"\nVERSION="15-SP1"\nVERSION_ID="15.1"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP1"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp1"\n',
  leap151:
    'NAME="openSUSE Leap"\nVERSION="15.1"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.1"\nPRETTY_NAME="openSUSE Leap 15.1"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:opensuse:leap:15.1"\n',
  mariner2:
    'NAME="Common Base Linux Mariner"\nVERSION="2.0.20230630"\nID=mariner\nVERSION_ID="2.0"\nPRETTY_NAME="CBL-Mariner/Linux"\nANSI_COLOR="1;34"\nHOME_URL="https://aka.ms/cbl-mariner"\n',
  azl3: 'NAME="Microsoft Azure Linux"\nVERSION="3.0.20240727"\nID=azurelinux\nVERSION_ID="3.0"\nPRETTY_NAME="Microsoft Azure Linux 3.0"\nANSI_COLOR="1;34"\nHOME_URL="https://aka.ms/azurelinux"\n',
  photon4:
    'NAME="VMware Photon OS"\nVERSION="4.0"\nID=photon\nVERSION_ID=4.0\nPRETTY_NAME="VMware Photon OS/Linux"\nANSI_COLOR="1;34"\nHOME_URL="https://vmware.github.io/photon/"\n',
};

/** A source rpm building the named binaries, for `arch` (noarch unless a test needs the arch itself). */
function spec(
  name: string,
  epoch: string | undefined,
  version: string,
  release: string,
  binaries: string[],
  arch = 'noarch',
): string {
  const sub = binaries.filter((b) => b !== name);
  const own = binaries.includes(name);
  return `Name: ${name}
${epoch ? `Epoch: ${epoch}\n` : ''}Version: ${version}
Release: ${release}
Summary: ${name} as the distro names it
License: airlock test package
BuildArch: ${arch}
%description
test
${sub.map((b) => `%package -n ${b}\nSummary: ${b}\n%description -n ${b}\n${b}\n`).join('')}
%install
mkdir -p %{buildroot}/usr/share/${name}
${binaries.map((b) => `echo ${b} > %{buildroot}/usr/share/${name}/${b}`).join('\n')}
${own ? `%files\n/usr/share/${name}/${name}\n` : ''}${sub.map((b) => `%files -n ${b}\n/usr/share/${name}/${b}\n`).join('')}`;
}

let dbFile: string;
let work: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'airlock-rpm-distros-'));
  dbFile = path.join(work, 'advisories.db');
  await buildAdvisoryDatabase({
    feedsDir: SAMPLES,
    outFile: dbFile,
    importers: [amazonAlas, oracleOval, suseOval, marinerOval, photonCve],
  });
}, 120_000);
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  rmSync(work, { recursive: true, force: true });
});

type Row = [
  name: string,
  version: string,
  vulnId: string,
  status: string,
  fixedVersion: string | undefined,
  namespace: string,
];

/** Builds the source rpm, installs `binaries` into an rpmdb.sqlite inside an image with `osRelease`, and runs `airlock cves`. */
async function cvesReport(osRelease: string, source: Parameters<typeof spec>, binaries: string[]) {
  const rpms = buildRpms({ [source[0]]: spec(...source) });
  cleanups.push(rpms.cleanup);
  const rpmdb = sqliteRpmDb(rpms, binaries);
  const tar = await dockerClassicTar({
    layers: [
      [
        { path: 'etc/os-release', content: osRelease },
        { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(rpmdb) },
      ],
    ],
  });
  const image = writeTemp(tar, 'distro.tar');
  const result = await run(Cves, [image, '--db', dbFile, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

async function cves(osRelease: string, source: Parameters<typeof spec>, binaries: string[]): Promise<Row[]> {
  const report = await cvesReport(osRelease, source, binaries);
  return report.findings
    .map(
      (f: {
        package: { name: string; version: string };
        vulnId: string;
        status: string;
        fixedVersion?: string;
        namespace: string;
      }) => [f.package.name, f.package.version, f.vulnId, f.status, f.fixedVersion, f.namespace],
    )
    .sort((a: Row, b: Row) => (a.join() < b.join() ? -1 : 1));
}

describe('airlock cves on Amazon Linux images (ALAS RSS + advisory pages)', () => {
  it('Amazon Linux 2023: kpartx from device-mapper-multipath 0.8.7-14 has the three CVEs of ALAS-2023-126, fixed in the source rpm 0.8.7-16.amzn2023.0.1', async () => {
    const found = await cves(
      OS_RELEASE.amzn2023,
      ['device-mapper-multipath', undefined, '0.8.7', '14.amzn2023.0.1', ['kpartx']],
      ['kpartx'],
    );
    expect(found).toEqual(
      ['CVE-2022-3787', 'CVE-2022-41973', 'CVE-2022-41974'].map((cve) => [
        'kpartx',
        '0.8.7-14.amzn2023.0.1',
        cve,
        'fixed',
        '0.8.7-16.amzn2023.0.1',
        'amazon:2023',
      ]),
    );
  });

  it('Amazon Linux 2: kernel-headers 4.9.70 has both CVEs of ALAS-2018-939, fixed in kernel 4.9.76-38.79.amzn2', async () => {
    const found = await cves(
      OS_RELEASE.amzn2,
      ['kernel', undefined, '4.9.70', '25.242.amzn2', ['kernel-headers']],
      ['kernel-headers'],
    );
    expect(found).toEqual([
      ['kernel-headers', '4.9.70-25.242.amzn2', 'CVE-2017-5715', 'fixed', '4.9.76-38.79.amzn2', 'amazon:2'],
      ['kernel-headers', '4.9.70-25.242.amzn2', 'CVE-2017-5754', 'fixed', '4.9.76-38.79.amzn2', 'amazon:2'],
    ]);
  });

  it('Amazon Linux 2022: vim at the fixed version of ALAS-2021-001 is not affected; the same rpm on Amazon Linux 2 is not looked up in 2022 data', async () => {
    expect(
      await cves(OS_RELEASE.amzn2022, ['vim', '2', '8.2.3512', '1.amzn2022', ['vim-minimal']], ['vim-minimal']),
    ).toEqual([]);
    const older = await cves(
      OS_RELEASE.amzn2022,
      ['vim', '2', '8.2.3500', '1.amzn2022', ['vim-minimal']],
      ['vim-minimal'],
    );
    expect(older.length).toBeGreaterThan(0);
    expect(
      older.every(
        ([, , , status, fixed, ns]) => status === 'fixed' && fixed === '8.2.3512-1.amzn2022' && ns === 'amazon:2022',
      ),
    ).toBe(true);
    expect(
      await cves(OS_RELEASE.amzn2, ['vim', '2', '8.2.3500', '1.amzn2022', ['vim-minimal']], ['vim-minimal']),
    ).toEqual([]);
  });
});

describe('airlock cves on Oracle Linux images (ELSA OVAL)', () => {
  it('Oracle Linux 7, x86_64: rsyslog has CVE-2022-24903 fixed at the x86_64 respin of ELSA-2022-4803, not the aarch64 one', async () => {
    const found = await cves(
      OS_RELEASE.ol7,
      ['rsyslog', undefined, '8.24.0', '57.el7_9', ['rsyslog'], 'x86_64'],
      ['rsyslog'],
    );
    expect(found).toEqual([
      ['rsyslog', '8.24.0-57.el7_9', 'CVE-2022-24903', 'fixed', '8.24.0-57.0.1.el7_9.3', 'oracle:7'],
    ]);
  });

  it('Oracle Linux 8: an ordinary openssl-libs is not matched by the Ksplice-only ELSA-2021-9151; a Ksplice build is', async () => {
    expect(
      await cves(OS_RELEASE.ol8, ['openssl', '1', '1.1.1g', '14.el8', ['openssl-libs']], ['openssl-libs']),
    ).toEqual([]);
    const ksplice = await cves(
      OS_RELEASE.ol8,
      ['openssl', '2', '1.1.1g', '14.ksplice1.el8_3', ['openssl-libs']],
      ['openssl-libs'],
    );
    expect(ksplice).toEqual([
      [
        'openssl-libs',
        '2:1.1.1g-14.ksplice1.el8_3',
        'CVE-2021-3449',
        'fixed',
        '2:1.1.1g-15.ksplice1.el8_3',
        'oracle:8',
      ],
      [
        'openssl-libs',
        '2:1.1.1g-14.ksplice1.el8_3',
        'CVE-2021-3450',
        'fixed',
        '2:1.1.1g-15.ksplice1.el8_3',
        'oracle:8',
      ],
    ]);
  });
});

describe('airlock cves on SUSE Linux Enterprise images (SUSE OVAL)', () => {
  it('SLES 15 SP1: kernel-default 4.12.14-197.80.1 has CVE-2021-29154, fixed in 4.12.14-197.89.2', async () => {
    const found = await cves(
      OS_RELEASE.sles15sp1,
      ['kernel-default', undefined, '4.12.14', '197.80.1', ['kernel-default']],
      ['kernel-default'],
    );
    expect(found).toEqual([
      ['kernel-default', '4.12.14-197.80.1', 'CVE-2021-29154', 'fixed', '4.12.14-197.89.2', 'sles:15.1'],
    ]);
  });

  it('SLES 15: kernel-default is not affected by CVE-1999-0524 as SUSE judged it, while its CVE-2021-29154 fix still applies', async () => {
    const found = await cves(
      OS_RELEASE.sles15,
      ['kernel-default', undefined, '4.12.14', '150.60.1', ['kernel-default']],
      ['kernel-default'],
    );
    expect(found).toEqual([
      ['kernel-default', '4.12.14-150.60.1', 'CVE-2021-29154', 'fixed', '4.12.14-150.72.1', 'sles:15'],
    ]);
  });
});

describe('airlock cves on openSUSE Leap images (SUSE OVAL)', () => {
  it("openSUSE Leap 15.1: the kernel-default SLES 15 SP1 has CVE-2021-29154 for is not judged by SLES's data; the report says Leap 15.1 has none", async () => {
    // The SUSE sample is SUSE Linux Enterprise 15 only: no openSUSE Leap definition to match (and none is made up).
    const report = await cvesReport(
      OS_RELEASE.leap151,
      ['kernel-default', undefined, '4.12.14', '197.80.1', ['kernel-default']],
      ['kernel-default'],
    );
    expect(report.findings).toEqual([]);
    expect(report.coverage).toMatchObject([
      { packageType: 'rpm', os: true, packages: 1, namespace: 'opensuse-leap:15.1', status: 'no_data', records: 0 },
    ]);
  });
});

describe('airlock cves on Azure Linux and CBL-Mariner images (their OVAL)', () => {
  it('CBL-Mariner 2.0: mysql 8.0.32-1.cm2 has two CVEs fixed in 8.0.33-1.cm2; bind is affected with no fix; glibc is not affected', async () => {
    expect(await cves(OS_RELEASE.mariner2, ['mysql', undefined, '8.0.32', '1.cm2', ['mysql']], ['mysql'])).toEqual([
      ['mysql', '8.0.32-1.cm2', 'CVE-2023-21977', 'fixed', '8.0.33-1.cm2', 'mariner:2.0'],
      ['mysql', '8.0.32-1.cm2', 'CVE-2023-21980', 'fixed', '8.0.33-1.cm2', 'mariner:2.0'],
    ]);
    expect(await cves(OS_RELEASE.mariner2, ['bind', undefined, '9.16.33', '1.cm2', ['bind']], ['bind'])).toEqual([
      ['bind', '9.16.33-1.cm2', 'CVE-2022-3736', 'no_fix_yet', undefined, 'mariner:2.0'],
    ]);
    expect(await cves(OS_RELEASE.mariner2, ['glibc', undefined, '2.35', '4.cm2', ['glibc']], ['glibc'])).toEqual([]);
  });

  it('Azure Linux 3.0: ceph 18.2.0 has CVE-2020-27304 fixed in 18.2.1-1.azl3; freeglut at 3.4.0-1.azl3 is fixed', async () => {
    expect(await cves(OS_RELEASE.azl3, ['ceph', undefined, '18.2.0', '3.azl3', ['ceph']], ['ceph'])).toEqual([
      ['ceph', '18.2.0-3.azl3', 'CVE-2020-27304', 'fixed', '18.2.1-1.azl3', 'azurelinux:3.0'],
    ]);
    expect(await cves(OS_RELEASE.azl3, ['freeglut', undefined, '3.4.0', '1.azl3', ['freeglut']], ['freeglut'])).toEqual(
      [],
    );
  });
});

describe('airlock cves on Photon OS images (Photon CVE data)', () => {
  it('Photon 4.0: curl-libs from curl 7.88.1-3.ph4 has both curl CVEs fixed in 7.88.1-4.ph4; httpd is not affected by CVE-2023-44487', async () => {
    expect(
      await cves(OS_RELEASE.photon4, ['curl', undefined, '7.88.1', '3.ph4', ['curl-libs']], ['curl-libs']),
    ).toEqual([
      ['curl-libs', '7.88.1-3.ph4', 'CVE-2023-38545', 'fixed', '7.88.1-4.ph4', 'photon:4.0'],
      ['curl-libs', '7.88.1-3.ph4', 'CVE-2023-38546', 'fixed', '7.88.1-4.ph4', 'photon:4.0'],
    ]);
    expect(await cves(OS_RELEASE.photon4, ['httpd', undefined, '2.4.57', '1.ph4', ['httpd']], ['httpd'])).toEqual([]);
  });
});

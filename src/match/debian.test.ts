/**
 * Debian matching on a tiny database of real tracker records (aquasecurity/vuln-list-debian
 * in ../shared/feeds). Versions are real bookworm/bullseye package versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer as debianVulnList } from '../feeds/debian-vuln-list/index.js';
import { matchSbom } from './index.js';
import { BOOKWORM, pkg, sbomOf } from './testdata/sbom.js';
import type { TestDb } from './testdata/feed-db.js';
import { tinyDb } from './testdata/tiny-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await tinyDb([
    {
      importer: debianVulnList,
      path: 'debian-vuln-list-debian',
      ids: [
        'CVE-2023-4911', // glibc: no [bookworm] line, fixed for bookworm only by DSA-5514-1 (2.36-9+deb12u3); <not-affected> in buster
        'CVE-2024-3094', // xz-utils: sid fixed 5.6.1+really5.4.5-1 but bookworm <not-affected>: the sid row must not apply
        'CVE-2016-2781', // coreutils: [bookworm] <ignored> (Minor issue) → will not fix
        'CVE-2024-22365', // pam: [bookworm] <no-dsa> → no fix yet, with the note
        'CVE-2024-5535', // openssl: [bookworm] <postponed> → no fix yet
        'CVE-2022-3715', // bash: fixed in sid 5.2-1, inherited by bookworm (no [bookworm] line); the binNMU'd bash is newer
        'CVE-2023-45853', // zlib: epoch 1: in both the fixed version (1:1.3.dfsg-2) and the installed one
        'CVE-2011-3374', // apt: <unfixed> (unimportant) in sid, inherited → no fix yet, rated negligible
      ],
    },
  ]);
});
afterAll(() => t?.close());

const ids = (findings: { vulnId: string; package: { name: string } }[]) =>
  findings.map((f) => `${f.package.name} ${f.vulnId}`).sort();

describe('Debian matcher', () => {
  it('looks glibc up as source package: a DSA fixes CVE-2023-4911 in bookworm at 2.36-9+deb12u3', async () => {
    const before = pkg('deb', 'libc6', '2.36-9+deb12u2', { sourceName: 'glibc' });
    const after = pkg('deb', 'libc-bin', '2.36-9+deb12u3', { sourceName: 'glibc' });
    const findings = await matchSbom(sbomOf([before, after], BOOKWORM), t.db);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      vulnId: 'CVE-2023-4911',
      package: { name: 'libc6', version: '2.36-9+deb12u2', sourceName: 'glibc' },
      status: 'fixed',
      fixedVersion: '2.36-9+deb12u3',
      fixedBy: 'DSA-5514-1',
      namespace: 'debian:bookworm',
      source: 'debian-vuln-list',
    });
  });

  it('uses the release of the image: buster glibc is <not-affected> by CVE-2023-4911', async () => {
    const buster = { id: 'debian', versionId: '10', codename: 'buster' };
    expect(
      await matchSbom(sbomOf([pkg('deb', 'libc6', '2.28-10+deb10u2', { sourceName: 'glibc' })], buster), t.db),
    ).toEqual([]);
  });

  it('derives the codename from VERSION_ID when os-release has none', async () => {
    const findings = await matchSbom(
      sbomOf([pkg('deb', 'libc6', '2.36-9+deb12u2', { sourceName: 'glibc' })], { id: 'debian', versionId: '12' }),
      t.db,
    );
    expect(findings.map((f) => f.namespace)).toEqual(['debian:bookworm']);
  });

  it('ignores unstable rows: bookworm xz-utils 5.4.1-1 is not affected by CVE-2024-3094', async () => {
    const sbom = sbomOf(
      [pkg('deb', 'liblzma5', '5.4.1-1', { sourceName: 'xz-utils' }), pkg('deb', 'xz-utils', '5.4.1-1')],
      BOOKWORM,
    );
    expect(await matchSbom(sbom, t.db)).toEqual([]);
  });

  it('keeps the tracker state: ignored → will_not_fix, no-dsa and postponed → no_fix_yet, with notes', async () => {
    const sbom = sbomOf(
      [
        pkg('deb', 'coreutils', '9.1-1'),
        pkg('deb', 'libpam0g', '1.5.2-6+deb12u1', { sourceName: 'pam' }),
        pkg('deb', 'libssl3', '3.0.13-1~deb12u1', { sourceName: 'openssl' }),
      ],
      BOOKWORM,
    );
    const byId = new Map((await matchSbom(sbom, t.db)).map((f) => [f.vulnId, f]));
    expect(byId.get('CVE-2016-2781')).toMatchObject({ status: 'will_not_fix', note: 'ignored: Minor issue' });
    expect(byId.get('CVE-2024-22365')).toMatchObject({ status: 'no_fix_yet', note: 'no-dsa: Minor issue' });
    expect(byId.get('CVE-2024-5535')).toMatchObject({
      status: 'no_fix_yet',
      note: 'postponed: Minor issue, fix along with next update round',
    });
    expect(byId.get('CVE-2016-2781')?.fixedVersion).toBeUndefined();
  });

  it("compares the source version: bash 5.2.15-2+b13 (binNMU of 5.2.15-2) is past the 5.2-1 fix, bullseye's 5.1-2+deb11u1 is not", async () => {
    const current = pkg('deb', 'bash', '5.2.15-2+b13', { sourceVersion: '5.2.15-2' });
    expect(await matchSbom(sbomOf([current], BOOKWORM), t.db)).toEqual([]);
    const old = await matchSbom(sbomOf([pkg('deb', 'bash', '5.1-2+deb11u1')], BOOKWORM), t.db);
    // bullseye's bash on a bookworm system is below unstable's fix, and bookworm has no fix line of its own: open.
    expect(old).toMatchObject([
      { vulnId: 'CVE-2022-3715', status: 'no_fix_yet', note: 'fixed in unstable in 5.2-1; no fix for bookworm yet' },
    ]);
    expect(old[0].fixedVersion).toBeUndefined();
  });

  it('orders epochs: zlib1g 1:1.2.13.dfsg-1 is before the 1:1.3.dfsg-2 fix', async () => {
    const findings = await matchSbom(
      sbomOf([pkg('deb', 'zlib1g', '1:1.2.13.dfsg-1', { sourceName: 'zlib' })], BOOKWORM),
      t.db,
    );
    expect(findings).toMatchObject([
      {
        vulnId: 'CVE-2023-45853',
        status: 'no_fix_yet',
        note: 'fixed in unstable in 1:1.3.dfsg-2; no fix for bookworm yet',
      },
    ]);
  });

  it('reports every binary package of an affected source, and an unfixed issue on each', async () => {
    const sbom = sbomOf(
      [pkg('deb', 'apt', '2.6.1'), pkg('deb', 'libapt-pkg6.0', '2.6.1', { sourceName: 'apt' })],
      BOOKWORM,
    );
    const findings = await matchSbom(sbom, t.db);
    expect(ids(findings)).toEqual(['apt CVE-2011-3374', 'libapt-pkg6.0 CVE-2011-3374']);
    expect(findings[0]).toMatchObject({
      status: 'no_fix_yet',
      severity: { band: 'low', rating: 'negligible', source: 'debian' },
    });
  });

  it('does not match Debian data for another distro or package type', async () => {
    const ubuntu = { id: 'ubuntu', versionId: '22.04', codename: 'jammy' };
    expect(
      await matchSbom(sbomOf([pkg('deb', 'libc6', '2.35-0ubuntu3', { sourceName: 'glibc' })], ubuntu), t.db),
    ).toEqual([]);
    expect(await matchSbom(sbomOf([pkg('npm', 'glibc', '2.36.0')], BOOKWORM), t.db)).toEqual([]);
  });
});

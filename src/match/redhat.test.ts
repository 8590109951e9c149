/**
 * RHEL matching on a database of the three real Red Hat CSAF advisories in
 * ../shared/feeds/redhat-csaf-samples:
 * - RHSA-2024:9371 fixes CVE-2024-8088 in python3.9 3.9.19-8.el9 (RHEL 9 mainline);
 *   RHSA-2024:6163 fixes it in 3.9.18-3.el9_4.5 for the 9.4 EUS stream only.
 * - RHSA-2025:23414 fixes CVE-2021-25220 and CVE-2025-40778 in bind
 *   32:9.8.2-0.68.rc1.el6_10.17 for RHEL 6 ELS, and lists bind-chroot (and other binaries)
 *   as known_not_affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedFor } from '../db/queries.js';
import { matchSbom } from './index.js';
import { redhatMatcher, redhatNamespace } from './matchers/redhat.js';
import { buildFeedDb, type TestDb } from './testdata/feed-db.js';
import { pkg, sbomOf } from './testdata/sbom.js';

const RHEL9 = { id: 'rhel', versionId: '9.5' };
const RHEL6 = { id: 'rhel', versionId: '6.10' };

let t: TestDb;
beforeAll(async () => {
  t = await buildFeedDb(['redhat-csaf-samples']);
});
afterAll(() => t?.close());

const python = (name: string, version: string, metadata?: Record<string, string>) =>
  pkg('rpm', name, version, {
    sourceName: 'python3.9',
    locations: [{ path: '/var/lib/rpm/rpmdb.sqlite' }],
    ...(metadata ? { metadata } : {}),
  });
const bind = (name: string, version: string) =>
  pkg('rpm', name, version, { sourceName: 'bind', locations: [{ path: '/var/lib/rpm/Packages' }] });
const summary = (findings: Awaited<ReturnType<typeof matchSbom>>) =>
  findings.map((f) => [
    f.package.name,
    f.vulnId,
    f.status,
    f.fixedVersion,
    f.fixedBy,
    f.note,
    f.namespace,
    f.severity.band,
  ]);

describe('RHEL matcher', () => {
  it('binaries of python3.9 are looked up by their source rpm in redhat:9 and fixed by the mainline RHSA, not the EUS one', async () => {
    const findings = await matchSbom(
      sbomOf([python('python3', '3.9.18-1.el9'), python('python3-libs', '3.9.18-1.el9')], RHEL9),
      t.db,
    );
    expect(summary(findings)).toEqual([
      ['python3', 'CVE-2024-8088', 'fixed', '3.9.19-8.el9', 'RHSA-2024:9371', undefined, 'redhat:9', 'medium'],
      ['python3-libs', 'CVE-2024-8088', 'fixed', '3.9.19-8.el9', 'RHSA-2024:9371', undefined, 'redhat:9', 'medium'],
    ]);
    expect(findings[0].severity).toMatchObject({ source: 'redhat', rating: 'medium' });
    expect(findings[0].aliases).toEqual(['RHSA-2024:6163', 'RHSA-2024:9371']);
  });

  it('the EUS 9.4 build is still affected on the mainline; the mainline fix is not', async () => {
    expect(summary(await matchSbom(sbomOf([python('python3', '3.9.18-3.el9_4.5')], RHEL9), t.db))).toEqual([
      ['python3', 'CVE-2024-8088', 'fixed', '3.9.19-8.el9', 'RHSA-2024:9371', undefined, 'redhat:9', 'medium'],
    ]);
    expect(await matchSbom(sbomOf([python('python3', '3.9.19-8.el9')], RHEL9), t.db)).toEqual([]);
  });

  it('rows of extended-update streams are left out, ELS rows kept, module rows only for builds of that module', async () => {
    const rows = [
      ...(await affectedFor(t.db, 'redhat:9', ['python3.9'])),
      ...(await affectedFor(t.db, 'redhat:6', ['bind'])),
    ];
    const plain = redhatMatcher.query(python('python3', '3.9.18-1.el9'), RHEL9)!;
    expect(rows.map((row) => [row.package, row.fixedVersion, row.note ?? '', plain.accepts!(row)])).toEqual([
      ['python3.9', '3.9.18-3.el9_4.5', 'EUS 9.4', false],
      ['python3.9', '3.9.19-8.el9', '', true],
      ['bind', '32:9.8.2-0.68.rc1.el6_10.17', 'ELS', true],
      ['bind', '32:9.8.2-0.68.rc1.el6_10.17', 'ELS', true],
    ]);
    // An rpm built for a module stream carries its modularitylabel; the non-modular fix is not its fix.
    const modular = redhatMatcher.query(
      python('python39', '3.9.18-1.module+el9.4.0+21000+deadbeef', {
        modularityLabel: 'python39:3.9:9040020240101000000:rhel9',
      }),
      RHEL9,
    )!;
    expect(modular).toMatchObject({ namespace: 'redhat:9', name: 'python3.9', variant: 'python39:3.9' });
    expect(rows.map((row) => modular.accepts!(row))).toEqual([false, false, false, false]);
    expect(modular.accepts!({ ...rows[1], module: 'python39:3.9:9050020241001000000:rhel9' })).toBe(true);
    expect(modular.accepts!({ ...rows[1], module: 'python39:3.11:9050020241001000000:rhel9' })).toBe(false);
  });

  it('RHEL 6: bind-libs is fixed by the ELS advisory; bind-chroot, which Red Hat lists as not affected, has no finding', async () => {
    const findings = await matchSbom(
      sbomOf(
        [bind('bind-libs', '32:9.8.2-0.68.rc1.el6_10.13'), bind('bind-chroot', '32:9.8.2-0.68.rc1.el6_10.13')],
        RHEL6,
      ),
      t.db,
    );
    expect(summary(findings)).toEqual([
      [
        'bind-libs',
        'CVE-2025-40778',
        'fixed',
        '32:9.8.2-0.68.rc1.el6_10.17',
        'RHSA-2025:23414',
        'ELS',
        'redhat:6',
        'high',
      ],
      [
        'bind-libs',
        'CVE-2021-25220',
        'fixed',
        '32:9.8.2-0.68.rc1.el6_10.17',
        'RHSA-2025:23414',
        'ELS',
        'redhat:6',
        'medium',
      ],
    ]);
    // One RHSA fixes both CVEs: it is an alias of each, and does not make them one finding.
    expect(findings.map((f) => f.aliases)).toEqual([['RHSA-2025:23414'], ['RHSA-2025:23414']]);
    expect(await matchSbom(sbomOf([bind('bind-libs', '32:9.8.2-0.68.rc1.el6_10.17')], RHEL6), t.db)).toEqual([]);
    // The epoch decides: without it the installed build is older than any epoch-32 one, whatever its version.
    expect(
      (await matchSbom(sbomOf([bind('bind-libs', '9.11.0-1.el6')], RHEL6), t.db)).map((f) => f.fixedVersion),
    ).toEqual(['32:9.8.2-0.68.rc1.el6_10.17', '32:9.8.2-0.68.rc1.el6_10.17']);
  });

  it('RHEL rebuilds use the same data; other rpm distros and other majors do not', async () => {
    expect(['rhel', 'centos', 'rocky', 'almalinux'].map((id) => redhatNamespace({ id, versionId: '9.3' }))).toEqual([
      'redhat:9',
      'redhat:9',
      'redhat:9',
      'redhat:9',
    ]);
    expect(redhatNamespace({ id: 'centos', versionId: '7' })).toBe('redhat:7');
    expect([
      redhatNamespace({ id: 'fedora', versionId: '40' }),
      redhatNamespace({ id: 'amzn', versionId: '2023' }),
      redhatNamespace({ id: 'rhel' }),
    ]).toEqual([undefined, undefined, undefined]);
    expect(
      await matchSbom(sbomOf([python('python3', '3.9.18-1.el9')], { id: 'rhel', versionId: '8.10' }), t.db),
    ).toEqual([]);
    expect(
      await matchSbom(sbomOf([python('python3', '3.9.18-1.el9')], { id: 'fedora', versionId: '40' }), t.db),
    ).toEqual([]);
  });
});

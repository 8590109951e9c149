/**
 * Alpine (secdb) and Ubuntu (OSV) matching on tiny databases of real records from
 * ../shared/feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer as alpineSecdb } from '../feeds/alpine-secdb/index.js';
import { importer as osv } from '../feeds/osv/index.js';
import { matchSbom } from './index.js';
import { pkg, sbomOf } from './testdata/sbom.js';
import type { TestDb } from './testdata/feed-db.js';
import { tinyDb } from './testdata/tiny-db.js';

const ALPINE = { id: 'alpine', versionId: '3.20.3' };
const JAMMY = { id: 'ubuntu', versionId: '22.04', codename: 'jammy' };

let t: TestDb;
beforeAll(async () => {
  t = await tinyDb([
    {
      importer: alpineSecdb,
      path: 'alpine-secdb/vuln-list-split/alpine/3.20/main/openssl.json',
      ids: [
        'CVE-2024-9143', // fixed in 3.3.2-r1: the installed version itself, so not a finding
        'CVE-2024-13176', // fixed in 3.3.2-r2: one release above the installed one
        'CVE-2024-12797', // fixed in 3.3.3-r0
        'CVE-2022-1292', // secfixes "0": never affected in this branch
      ],
    },
    {
      importer: alpineSecdb,
      path: 'alpine-secdb/vuln-list-split/alpine/3.20/main/busybox.json',
      ids: [
        'CVE-2022-48174', // fixed in 1.36.1-r2: r15 is after r2 (numeric, not text, order)
        'CVE-2023-42366', // fixed in 1.36.1-r25: r15 is before it
      ],
    },
    {
      importer: osv,
      path: 'ubuntu-osv-samples',
      // Ubuntu's CVE record and the USN that fixed it name the same wayland flaw: one finding, keyed by the CVE.
      ids: ['UBUNTU-CVE-2021-3782', 'USN-5614-1'],
    },
  ]);
});
afterAll(() => t?.close());

describe('Alpine matcher', () => {
  it('looks subpackages up by origin in the branch of VERSION_ID (alpine:3.20)', async () => {
    const libcrypto = pkg('apk', 'libcrypto3', '3.3.2-r1', { sourceName: 'openssl' });
    const findings = await matchSbom(sbomOf([libcrypto], ALPINE), t.db);
    expect(findings.map((f) => [f.vulnId, f.status, f.fixedVersion, f.namespace])).toEqual(
      [
        ['CVE-2024-12797', 'fixed', '3.3.3-r0', 'alpine:3.20'],
        ['CVE-2024-13176', 'fixed', '3.3.2-r2', 'alpine:3.20'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  });

  it('compares apk revisions as numbers: busybox 1.36.1-r15 is past -r2 but before -r25', async () => {
    const findings = await matchSbom(sbomOf([pkg('apk', 'busybox', '1.36.1-r15')], ALPINE), t.db);
    expect(findings.map((f) => f.vulnId)).toEqual(['CVE-2023-42366']);
  });

  it('finds nothing for another branch', async () => {
    expect(
      await matchSbom(sbomOf([pkg('apk', 'busybox', '1.36.1-r15')], { id: 'alpine', versionId: '3.19.1' }), t.db),
    ).toEqual([]);
  });
});

describe('Ubuntu matcher', () => {
  it('merges the USN and the Ubuntu CVE record into one finding keyed by the CVE', async () => {
    const findings = await matchSbom(
      sbomOf([pkg('deb', 'libwayland-client0', '1.20.0-1', { sourceName: 'wayland' })], JAMMY),
      t.db,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      vulnId: 'CVE-2021-3782',
      aliases: ['UBUNTU-CVE-2021-3782', 'USN-5614-1'],
      status: 'fixed',
      fixedVersion: '1.20.0-1ubuntu0.1',
      namespace: 'ubuntu:22.04',
      severity: { band: 'medium', source: 'ubuntu' },
    });
  });

  it('finds nothing at the fixed version', async () => {
    expect(
      await matchSbom(
        sbomOf([pkg('deb', 'libwayland-client0', '1.20.0-1ubuntu0.1', { sourceName: 'wayland' })], JAMMY),
        t.db,
      ),
    ).toEqual([]);
  });
});

/** The ELSA importer on Oracle's real OVAL samples: releases, per-arch respins, Ksplice builds. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byId, collect } from '../testdata/collect.js';
import { importer } from './index.js';

const ORACLE = path.resolve(process.cwd(), '../shared/feed-samples/vunnel/oracle/test-fixtures');
const rows = (advisory: {
  affected: {
    namespace: string;
    package: string;
    status: string;
    fixedVersion?: string;
    note?: string;
    fixedBy?: string;
  }[];
}) => advisory.affected.map((a) => [a.namespace, a.package, a.status, a.fixedVersion, a.note, a.fixedBy]);

describe('oracle-oval importer', () => {
  it('claims Oracle OVAL files only (a file without a generator by its ELSA ids)', async () => {
    expect(await importer.detect(path.join(ORACLE, 'mock_data'))).toBe(true);
    expect(await importer.detect(path.join(ORACLE, 'mock_per_arch_data'))).toBe(true);
    expect(await importer.detect(ORACLE)).toBe(false);
    expect(await importer.detect(path.resolve(ORACLE, '../../sles/test-fixtures/suse_truncated.xml'))).toBe(false);
  });

  it('ELSA-2007-0057: one row per binary in oracle:5 with the epoch-bearing fix, one advisory per CVE, the ELSA as alias', async () => {
    const { advisories, warnings, dataDate } = await collect(importer, path.join(ORACLE, 'mock_data'));
    expect(warnings).toEqual([]);
    const cve = byId(advisories, 'CVE-2007-0493');
    expect(cve).toMatchObject({
      source: 'oracle-oval',
      aliases: ['ELSA-2007-0057'],
      severities: [{ source: 'oracle', rating: 'medium' }],
      published: '2007-06-26T00:00:00.000Z',
    });
    expect(rows(cve)).toContainEqual(['oracle:5', 'bind-libs', 'fixed', '30:9.3.3-8.el5', undefined, 'ELSA-2007-0057']);
    expect(dataDate).toBe('2018-10-12T00:00:00.000Z');
  });

  it('ELSA-2022-4803: rsyslog respun at different revisions per arch gives a row per arch; ELSA-2025-10073, one fix on every arch, none', async () => {
    const { advisories } = await collect(importer, path.join(ORACLE, 'mock_per_arch_data'));
    expect(rows(byId(advisories, 'CVE-2022-24903')).filter((r) => r[1] === 'rsyslog')).toEqual([
      ['oracle:7', 'rsyslog', 'fixed', '8.24.0-57.0.4.el7_9.3', 'arch aarch64', 'ELSA-2022-4803'],
      ['oracle:7', 'rsyslog', 'fixed', '8.24.0-57.0.1.el7_9.3', 'arch x86_64', 'ELSA-2022-4803'],
    ]);
    expect(rows(byId(advisories, 'CVE-2025-6424'))).toEqual([
      ['oracle:10', 'firefox', 'fixed', '128.12.0-1.0.1.el10_0', undefined, 'ELSA-2025-10073'],
    ]);
    // Two rebuilds, each on both arches: arch-less rows for both (matching takes the higher fix).
    expect(rows(byId(advisories, 'CVE-2024-2307')).filter((r) => r[1] === 'osbuild')).toEqual([
      ['oracle:8', 'osbuild', 'fixed', '110-1.0.1.el8', undefined, 'ELSA-2024-2961'],
      ['oracle:8', 'osbuild', 'fixed', '110-1.el8', undefined, 'ELSA-2024-2961'],
    ]);
  });

  it('ELSA-2021-9151: Ksplice-based rows are marked so that ordinary userspace rpms never meet them', async () => {
    const { advisories } = await collect(importer, path.join(ORACLE, 'mock_ksplice_data'));
    const cve = byId(advisories, 'CVE-2021-3449');
    expect(new Set(cve.affected.map((a) => a.note))).toEqual(new Set(['ksplice']));
    expect(rows(cve)).toContainEqual([
      'oracle:8',
      'openssl-libs',
      'fixed',
      '2:1.1.1g-15.ksplice1.el8_3',
      'ksplice',
      'ELSA-2021-9151',
    ]);
  });
});

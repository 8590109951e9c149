import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../testdata/collect.js';
import { importer as osv } from '../osv/index.js';
import { almalinuxOsv, chainguardOsv, rockyOsv } from './index.js';

const SAMPLES = path.resolve(process.cwd(), '../shared/feed-samples/vunnel');
const ALMA = path.join(SAMPLES, 'alma/test-fixtures/osv-database/advisories');
const ROCKY = path.join(SAMPLES, 'rocky/test-fixtures/osv');
const CGA = path.join(SAMPLES, 'chainguard/test-fixtures/input/osv');

const rowsOf = (advisories: Awaited<ReturnType<typeof collect>>['advisories'], id: string) =>
  advisories
    .filter((a) => a.id === id)
    .flatMap((a) =>
      a.affected.map((r) => [a.aliases.join(' '), r.namespace, r.package, r.status, r.fixedVersion, r.fixedBy, r.note]),
    );

describe('distribution OSV importers on real AlmaLinux, Rocky Linux and Chainguard records', () => {
  it('each claims its own ids; the generic OSV importer passes over them', async () => {
    expect([await almalinuxOsv.detect(ALMA), await rockyOsv.detect(ALMA), await chainguardOsv.detect(ALMA)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([await almalinuxOsv.detect(ROCKY), await rockyOsv.detect(ROCKY), await chainguardOsv.detect(ROCKY)]).toEqual(
      [false, true, false],
    );
    expect([await almalinuxOsv.detect(CGA), await rockyOsv.detect(CGA), await chainguardOsv.detect(CGA)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(await osv.detect(ALMA)).toBe(false);
    expect((await collect(osv, ROCKY)).advisories).toEqual([]);
  });

  it('AlmaLinux: one record per related CVE, keyed by the CVE, the ALSA its alias and fixer; bug-fix errata without a CVE yield nothing', async () => {
    const alma = await collect(almalinuxOsv, ALMA);
    expect(alma.warnings).toEqual([]);
    expect(alma.advisories.every((a) => a.source === 'almalinux-osv' && /^CVE-/.test(a.id))).toBe(true);
    expect(alma.advisories.some((a) => a.aliases.includes('ALBA-2021:4378'))).toBe(false);
    expect(rowsOf(alma.advisories, 'CVE-2023-32681')).toEqual([
      ['ALSA-2023:4520', 'almalinux:8', 'python3-requests', 'fixed', '2.20.0-3.el8_8', 'ALSA-2023:4520', undefined],
    ]);
    // Ten binaries of avahi, each fixed at AlmaLinux 9's 0.8-20.el9.
    expect(rowsOf(alma.advisories, 'CVE-2023-38469')).toHaveLength(10);
    expect(rowsOf(alma.advisories, 'CVE-2023-38469')).toContainEqual([
      'ALSA-2024:2433',
      'almalinux:9',
      'avahi-libs',
      'fixed',
      '0.8-20.el9',
      'ALSA-2024:2433',
      undefined,
    ]);
    // mariadb:10.3 module build: scoped to that module stream, epoch kept.
    expect(rowsOf(alma.advisories, 'CVE-2022-32084')).toContainEqual([
      'ALSA-2023:5259',
      'almalinux:8',
      'mariadb',
      'fixed',
      '3:10.3.39-1.module_el8.8.0+3609+204d4ab0',
      'ALSA-2023:5259',
      'module mariadb:10.3',
    ]);
    expect(alma.dataDate).toBe('2024-05-07T15:04:20.000Z');
  });

  it('Rocky Linux: the 0: epoch is dropped as Red Hat rows write it; ruby:3.3 rows are scoped to the module', async () => {
    const rocky = await collect(rockyOsv, ROCKY);
    expect(rocky.warnings).toEqual([]);
    expect(rowsOf(rocky.advisories, 'CVE-2023-32205')).toEqual([
      ['RLSA-2023:3220', 'rocky:8', 'firefox', 'fixed', '102.11.0-2.el8_7', 'RLSA-2023:3220', undefined],
    ]);
    expect(rowsOf(rocky.advisories, 'CVE-2024-27280')).toContainEqual([
      'RLSA-2024:3671',
      'rocky:9',
      'ruby',
      'fixed',
      '3.3.1-2.module+el9.4.0+20787+4c237fd3',
      'RLSA-2024:3671',
      'module ruby:3.3',
    ]);
    expect(rowsOf(rocky.advisories, 'CVE-2021-35550')).toEqual([
      ['RLSA-2021:3891', 'rocky:8', 'java-11-openjdk', 'fixed', '1:11.0.13.0.8-1.el8_4', 'RLSA-2021:3891', undefined],
    ]);
  });

  it('Chainguard: CGA records kept whole, rows in chainguard:rolling or wolfi:rolling by ecosystem; fixed at "0" is not affected', async () => {
    const cga = await collect(chainguardOsv, CGA);
    expect(cga.warnings).toEqual([]);
    expect(cga.advisories.map((a) => [a.id, a.source, a.aliases])).toEqual([
      ['CGA-224q-ccj5-2p53', 'chainguard-osv', ['CVE-2025-32464', 'GHSA-frg5-h47x-75j9']],
      ['CGA-22hv-wp9q-4779', 'chainguard-osv', ['CVE-2026-24398', 'GHSA-r354-f388-2fhh']],
      ['CGA-xcpc-gm23-prj9', 'chainguard-osv', ['CVE-2025-68121', 'GHSA-qgxr-kfqx-v5q9']],
    ]);
    const haproxy = cga.advisories[0].affected.map((r) => [r.namespace, r.package, r.status, r.fixedVersion]);
    expect(haproxy).toEqual([
      ['chainguard:rolling', 'haproxy-2.2', 'fixed', '2.2.34-r0'],
      ['chainguard:rolling', 'haproxy-2.8', 'fixed', '2.8.18-r0'],
      ['wolfi:rolling', 'haproxy-3.0', 'fixed', '3.0.10-r0'],
      ['wolfi:rolling', 'haproxy-3.1', 'fixed', '3.1.7-r0'],
    ]);
    expect(cga.advisories[2].affected.find((r) => r.package === 'syncthing-compat')).toEqual({
      namespace: 'chainguard:rolling',
      package: 'syncthing-compat',
      status: 'not_affected',
      ranges: [],
      versions: [],
    });
    expect(cga.dataDate).toBe('2026-02-24T13:07:08.000Z');
  });
});

describe('a withdrawn errata', () => {
  it('yields no record, so its CVEs are never marked withdrawn for every source', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-withdrawn-'));
    try {
      const doc = JSON.parse(readFileSync(path.join(ALMA, 'almalinux8/ALSA-2023:4520.json'), 'utf8'));
      writeFileSync(
        path.join(dir, 'ALSA-2023:4520.json'),
        JSON.stringify({ ...doc, withdrawn: '2023-08-10T00:00:00Z' }),
      );
      const read = await collect(almalinuxOsv, dir);
      expect(read).toMatchObject({ advisories: [], warnings: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type Collected } from '../testdata/collect.js';
import { importer } from './index.js';

const samples = path.resolve(process.cwd(), '../shared/feeds/redhat-csaf-samples');

describe('redhat-csaf importer on three real RHSA CSAF documents', () => {
  let csaf: Collected;
  let dataDate: string | undefined;
  beforeAll(async () => {
    csaf = await collect(importer, samples);
    dataDate = csaf.dataDate;
  });

  it('emits one advisory per CVE per document, keyed by the CVE with the RHSA as alias', () => {
    expect(importer.name).toBe('redhat-csaf');
    expect(csaf.warnings).toEqual([]);
    expect(csaf.advisories.map((a) => [a.id, a.aliases])).toEqual([
      ['CVE-2024-8088', ['RHSA-2024:6163']],
      ['CVE-2024-8088', ['RHSA-2024:9371']],
      ['CVE-2021-25220', ['RHSA-2025:23414']],
      ['CVE-2025-40778', ['RHSA-2025:23414']],
    ]);
    expect(dataDate).toBe('2026-03-26T18:50:03.000Z');
  });

  it('reads the fixed source RPM EVR for RHEL 9, noting the EUS stream of RHSA-2024:6163', () => {
    const [eus, mainline] = csaf.advisories.filter((a) => a.id === 'CVE-2024-8088');
    expect(eus.affected).toEqual([
      {
        namespace: 'redhat:9',
        package: 'python3.9',
        status: 'fixed',
        fixedVersion: '3.9.18-3.el9_4.5',
        fixedBy: 'RHSA-2024:6163',
        note: 'EUS 9.4',
        stream: 'EUS 9.4',
        severity: 'medium',
        ranges: [],
        versions: [],
      },
    ]);
    expect(mainline.affected).toEqual([
      {
        namespace: 'redhat:9',
        package: 'python3.9',
        status: 'fixed',
        fixedVersion: '3.9.19-8.el9',
        fixedBy: 'RHSA-2024:9371',
        severity: 'medium',
        ranges: [],
        versions: [],
      },
    ]);
    expect(eus.severities).toEqual([
      { source: 'redhat', rating: 'medium' },
      {
        source: 'redhat',
        cvssVersion: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:N/I:N/A:H',
        score: 5.3,
        rating: 'medium',
      },
    ]);
    expect(eus.summary).toBe('python: cpython: Iterating over a malicious ZIP file may lead to Denial of Service');
    expect(eus.published).toBe('2024-08-22T19:15:09.720Z');
  });

  it('merges arches, keeps the epoch, and separates fixed from not-affected RPMs (RHSA-2025:23414, RHEL 6 ELS)', () => {
    const bind = csaf.advisories.find((a) => a.id === 'CVE-2025-40778');
    expect(bind?.severities[0]).toEqual({ source: 'redhat', rating: 'high' });
    expect(bind?.affected.map((a) => [a.namespace, a.package, a.status, a.fixedVersion, a.note])).toEqual([
      ['redhat:6', 'bind', 'fixed', '32:9.8.2-0.68.rc1.el6_10.17', 'ELS'],
      ['redhat:6', 'bind-libs', 'fixed', '32:9.8.2-0.68.rc1.el6_10.17', 'ELS'],
      ['redhat:6', 'bind-sdb', 'fixed', '32:9.8.2-0.68.rc1.el6_10.17', 'ELS'],
      ['redhat:6', 'bind-utils', 'fixed', '32:9.8.2-0.68.rc1.el6_10.17', 'ELS'],
      ['redhat:6', 'bind-chroot', 'not_affected', undefined, 'ELS'],
      ['redhat:6', 'bind-debuginfo', 'not_affected', undefined, 'ELS'],
      ['redhat:6', 'bind-devel', 'not_affected', undefined, 'ELS'],
    ]);
    expect(csaf.advisories.find((a) => a.id === 'CVE-2021-25220')?.severities[0]).toEqual({
      source: 'redhat',
      rating: 'medium',
    });
  });

  it('detects CSAF documents by content', async () => {
    expect(await importer.detect(samples)).toBe(true);
    expect(await importer.detect(path.join(samples, 'rhsa-2024_6163.json'))).toBe(true);
    expect(await importer.detect(path.resolve(samples, '../cisa-kev'))).toBe(false);
  });
});

describe('redhat-csaf importer on a corrupted copy', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-csaf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips a vulnerability without cve and one with a broken product_status, keeping the rest', async () => {
    const doc = JSON.parse(await readFile(path.join(samples, 'rhsa-2025_23414.json'), 'utf8'));
    delete doc.vulnerabilities[0].cve;
    doc.vulnerabilities[1].product_status.fixed = 'all of them';
    const copy = path.join(dir, 'rhsa-2025_23414.json');
    await writeFile(copy, JSON.stringify(doc));
    await copyFile(path.join(samples, 'rhsa-2024_6163.json'), path.join(dir, 'rhsa-2024_6163.json'));
    const read = await collect(importer, dir);
    expect(read.advisories.map((a) => a.id)).toEqual(['CVE-2024-8088']);
    expect(read.warnings).toEqual([
      { file: `${copy}#vulnerabilities[0]`, message: 'invalid CSAF vulnerability: vulnerability has no cve' },
      { file: `${copy}#vulnerabilities[1]`, message: 'invalid CSAF vulnerability: product_status is not a list' },
    ]);
  });

  it("skips another vendor's CSAF document with a warning naming its publisher, not as records that match nothing", async () => {
    // A real Red Hat document re-published under the publisher SUSE's CSAF documents name.
    const doc = JSON.parse(await readFile(path.join(samples, 'rhsa-2025_23414.json'), 'utf8'));
    doc.document.publisher = {
      category: 'vendor',
      name: 'SUSE Product Security Team',
      namespace: 'https://www.suse.com/',
    };
    const other = await mkdtemp(path.join(dir, 'suse-'));
    const copy = path.join(other, 'suse-su-2025_4321-1.json');
    await writeFile(copy, JSON.stringify(doc));
    await copyFile(path.join(samples, 'rhsa-2024_6163.json'), path.join(other, 'rhsa-2024_6163.json'));
    const read = await collect(importer, other);
    expect(read.advisories.map((a) => a.id)).toEqual(['CVE-2024-8088']);
    expect(read.warnings).toEqual([
      {
        file: copy,
        message:
          "CSAF document published by SUSE Product Security Team (https://www.suse.com/), not Red Hat: only Red Hat's CSAF is read (its product tree names Red Hat's products), so its vulnerabilities were skipped",
      },
    ]);
  });
});

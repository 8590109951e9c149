import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byId, collect, type Collected } from '../testdata/collect.js';
import { importer } from './index.js';

const nvdDir = path.resolve(process.cwd(), '../shared/feeds/nvd');
const page = path.join(nvdDir, 'nvd-api-2.0-page/full-page.json');

describe('nvd importer on every NVD layout in the shared feeds', () => {
  let nvd: Collected;
  let dataDate: string | undefined;
  beforeAll(async () => {
    nvd = await collect(importer, nvdDir);
    dataDate = nvd.dataDate;
  });

  it('reads the API page, fkie-cad, vuln-list-nvd and vunnel layouts, passing over CVE 5 records', () => {
    expect(importer.name).toBe('nvd');
    // 38 page entries + 4 fkie-cad + 4 vuln-list-nvd + 8 vunnel envelopes; the vulnrichment zip is not NVD's.
    expect(nvd.advisories).toHaveLength(54);
    expect(nvd.warnings).toEqual([]);
    expect(nvd.advisories.every((a) => a.source === 'nvd' && a.affected.length === 0)).toBe(true);
    expect(dataDate).toBe('2026-05-13T00:24:29.033Z');
  });

  it('marks the Rejected CVE-2024-0069 withdrawn', () => {
    expect(byId(nvd.advisories, 'CVE-2024-0069')).toEqual({
      id: 'CVE-2024-0069',
      source: 'nvd',
      aliases: [],
      references: [],
      severities: [],
      affected: [],
      description: 'Rejected reason: This CVE ID was unused by the CNA.',
      published: '2023-11-28T00:15:07.140Z',
      modified: '2023-11-28T00:15:07.140Z',
      withdrawn: '2023-11-28T00:15:07.140Z',
    });
  });

  it('keeps the unanalysed CVE-2024-2961 ("metrics": {}) without severities', () => {
    const glibc = byId(nvd.advisories, 'CVE-2024-2961');
    expect(glibc.severities).toEqual([]);
    expect(glibc.withdrawn).toBeUndefined();
    expect(glibc.description).toMatch(/^The iconv\(\) function in the GNU C Library versions 2.39 and older/);
    expect(glibc.references).toEqual([
      'https://sourceware.org/git/?p=glibc.git;a=blob;f=advisories/GLIBC-SA-2024-0004',
    ]);
  });

  it('keeps NVD primary scores as nvd and secondary ones under their scorer', () => {
    expect(byId(nvd.advisories, 'CVE-2016-2781').severities).toEqual([
      {
        source: 'nvd',
        cvssVersion: '3.0',
        vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N',
        score: 6.5,
        rating: 'medium',
      },
      { source: 'nvd', cvssVersion: '2.0', vector: 'AV:L/AC:L/Au:N/C:N/I:P/A:N', score: 2.1, rating: 'low' },
      {
        source: 'cisa-adp',
        cvssVersion: '3.1',
        vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
        score: 4.6,
        rating: 'medium',
      },
    ]);
    expect(byId(nvd.advisories, 'CVE-2023-4911').severities).toEqual([
      {
        source: 'redhat.com',
        cvssVersion: '3.1',
        vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
        score: 7.8,
        rating: 'high',
      },
    ]);
    const clash = byId(nvd.advisories, 'CVE-2024-5732').severities;
    expect(clash.map((s) => [s.source, s.cvssVersion, s.score, s.rating])).toEqual([
      ['nvd', '4.0', 6.9, 'medium'],
      ['nvd', '3.1', 9.8, 'critical'],
      ['vuldb.com', '3.1', 7.3, 'high'],
      ['vuldb.com', '2.0', 7.5, 'high'],
    ]);
  });

  it('reads the vunnel envelope and ignores its CPE configurations', () => {
    const openssl = byId(nvd.advisories, 'CVE-2023-0286');
    expect(openssl.modified).toBe('2025-11-04T20:16:16.350Z');
    expect(openssl.affected).toEqual([]);
    expect(openssl.severities[0]).toEqual({
      source: 'nvd',
      cvssVersion: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H',
      score: 7.4,
      rating: 'high',
    });
  });

  it('dates an API page by its timestamp', async () => {
    const single = await collect(importer, page);
    expect(single.advisories).toHaveLength(38);
    expect(single.dataDate).toBe('2023-10-18T18:04:18.493Z');
  });

  it('detects NVD data by content', async () => {
    expect(await importer.detect(nvdDir)).toBe(true);
    expect(await importer.detect(page)).toBe(true);
    expect(await importer.detect(path.join(nvdDir, 'vuln-list-nvd'))).toBe(true);
    expect(await importer.detect(path.join(nvdDir, 'cisa-vulnrichment-cve5'))).toBe(false);
    expect(await importer.detect(path.resolve(nvdDir, '../cisa-kev'))).toBe(false);
  });

  it('passes silently over other feeds that also have a vulnerabilities array (KEV, CSAF)', async () => {
    for (const other of ['../cisa-kev', '../redhat-csaf-samples']) {
      expect(await collect(importer, path.resolve(nvdDir, other))).toEqual({
        advisories: [],
        kev: [],
        epss: [],
        eol: [],
        warnings: [],
        dataDates: 0,
      });
    }
  });
});

describe('nvd importer on altered copies of the real page', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-nvd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a gzip-compressed page the same as the plain one', async () => {
    const gz = path.join(dir, 'nvdcve-2.0-page.json.gz');
    await writeFile(gz, gzipSync(await readFile(page)));
    const plain = await collect(importer, page);
    const zipped = await collect(importer, gz);
    expect(zipped.advisories).toEqual(plain.advisories);
  });

  it('skips corrupted entries with a warning naming the entry, and keeps the others', async () => {
    const doc = JSON.parse(await readFile(page, 'utf8'));
    const badId = doc.vulnerabilities[3].cve.id;
    doc.vulnerabilities[3].cve.id = 42;
    doc.vulnerabilities[5].cve.metrics = 'not analysed';
    const corrupted = path.join(dir, 'corrupted');
    await mkdir(corrupted);
    const broken = path.join(corrupted, 'broken-page.json');
    await writeFile(broken, JSON.stringify(doc, null, 2));
    await writeFile(path.join(corrupted, 'truncated.json'), (await readFile(page, 'utf8')).slice(0, 5000));
    const read = await collect(importer, corrupted);
    expect(read.advisories.filter((a) => a.id === badId)).toEqual([]);
    expect(read.advisories).toHaveLength(36);
    expect(read.warnings).toEqual([
      { file: `${broken}#vulnerabilities[3]`, message: 'invalid NVD record: cve has no id' },
      { file: `${broken}#vulnerabilities[5]`, message: 'invalid NVD record: metrics is not an object' },
      {
        file: path.join(corrupted, 'truncated.json'),
        message: 'unreadable JSON: JSON document ends before it is complete',
      },
    ]);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byId, collect, type Collected } from '../common/collect.js';
import { writeStoredZip } from '../common/stored-zip.js';
import { importer } from './index.js';

const vulnrichment = path.resolve(process.cwd(), '../shared/feeds/nvd/cisa-vulnrichment-cve5/vulnrichment-subset.zip');
const rejected = path.resolve(process.cwd(), 'src/feeds/cve5/testdata/CVE-2024-0069.json');

describe('cve5 importer on the CISA vulnrichment subset', () => {
  let records: Collected;
  let dataDate: string | undefined;
  beforeAll(async () => {
    records = await collect(importer, vulnrichment);
    dataDate = importer.dataDate?.();
  });

  it('reads all 1,114 records: 700 with CNA CVSS, 190 with CISA-ADP CVSS 3.1, 227 with neither', () => {
    expect(importer.name).toBe('cve5');
    expect(records.advisories).toHaveLength(1114);
    expect(records.warnings).toEqual([]);
    const sources = (a: (typeof records.advisories)[number]) => new Set(a.severities.map((s) => s.source));
    expect(records.advisories.filter((a) => [...sources(a)].some((s) => s !== 'cisa-adp'))).toHaveLength(700);
    expect(records.advisories.filter((a) => sources(a).has('cisa-adp'))).toHaveLength(190);
    expect(records.advisories.filter((a) => a.severities.length === 0)).toHaveLength(227);
    expect(dataDate).toBe('2024-10-24T19:48:48.228Z');
  });

  it('keeps the CISA-ADP CVSS 3.1 metric of CVE-2011-0611 as cisa-adp', () => {
    const flash = byId(records.advisories, 'CVE-2011-0611');
    expect(flash.severities).toEqual([
      { source: 'cisa-adp', cvssVersion: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', score: 8.8, rating: 'high' },
    ]);
    expect(flash.published).toBe('2011-04-13T14:00:00.000Z');
    expect(flash.modified).toBe('2024-08-06T21:58:26.000Z');
    expect(flash.description).toMatch(/^Adobe Flash Player before 10\.2\.154\.27/);
    expect(flash.references).toContain('http://www.kb.cert.org/vuls/id/230057');
  });

  it('names CNA metrics by the CNA short name, newest CVSS version first', () => {
    const windmill = byId(records.advisories, 'CVE-2024-8462');
    expect(windmill.summary).toBe('Windmill HTTP Request users.rs excessive authentication');
    expect(windmill.severities.map((s) => [s.source, s.cvssVersion, s.score, s.rating])).toEqual([
      ['VulDB', '4.0', 6.3, 'medium'],
      ['VulDB', '3.1', 3.7, 'low'],
      ['VulDB', '3.0', 3.7, 'low'],
      ['VulDB', '2.0', 2.6, 'low'],
    ]);
    const tuf = byId(records.advisories, 'CVE-2024-47534');
    expect(tuf.severities.map((s) => [s.source, s.cvssVersion, s.score, s.rating])).toEqual([
      ['GitHub_M', '4.0', 8.2, 'high'],
      ['cisa-adp', '3.1', 0, 'negligible'],
    ]);
  });

  it('detects CVE 5 records by content', async () => {
    expect(await importer.detect(vulnrichment)).toBe(true);
    expect(await importer.detect(path.resolve(process.cwd(), '../shared/feeds/nvd/vuln-list-nvd'))).toBe(false);
  });
});

describe('cve5 importer on rejected and malformed records', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-cve5-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('marks a REJECTED record withdrawn at its rejection date', async () => {
    const read = await collect(importer, rejected);
    expect(read.advisories).toEqual([
      {
        id: 'CVE-2024-0069',
        source: 'cve5',
        aliases: [],
        references: [],
        severities: [],
        affected: [],
        description: 'This CVE ID was unused by the CNA.',
        modified: '2023-11-27T23:53:15.051Z',
        withdrawn: '2023-11-27T23:53:15.051Z',
      },
    ]);
  });

  it('skips a record with a corrupted cveMetadata with a warning naming the zip entry', async () => {
    const source = new StreamZip.async({ file: vulnrichment });
    const flash = (await source.entryData('2011/0xxx/CVE-2011-0611.json')).toString('utf8');
    await source.close();
    const corrupted = JSON.parse(flash);
    corrupted.cveMetadata.cveId = null;
    const zip = path.join(dir, 'subset.zip');
    await writeStoredZip(zip, [
      { name: '2011/0xxx/CVE-2011-0611.json', data: JSON.stringify(corrupted) },
      { name: '2024/0xxx/CVE-2024-0069.json', data: await readFile(rejected) },
    ]);
    const read = await collect(importer, zip);
    expect(read.advisories.map((a) => a.id)).toEqual(['CVE-2024-0069']);
    expect(read.warnings).toEqual([
      { file: `${zip}!2011/0xxx/CVE-2011-0611.json`, message: 'invalid CVE 5 record: cveMetadata has no cveId' },
    ]);
  });
});

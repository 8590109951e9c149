import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byId, collect, type Collected } from '../testdata/collect.js';
import { writeStoredZip } from '../testdata/stored-zip.js';
import { importer } from './index.js';
import { normalizeCve5Record } from './normalize.js';

const vulnrichment = path.resolve(process.cwd(), '../shared/feeds/nvd/cisa-vulnrichment-cve5/vulnrichment-subset.zip');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a CVE JSON 5 record, read and rewritten field by field
type Cve5Json = Record<string, any>;

/** One record of the vulnrichment subset, parsed. */
async function subsetRecord(entry: string): Promise<Cve5Json> {
  const zip = new StreamZip.async({ file: vulnrichment });
  try {
    return JSON.parse((await zip.entryData(entry)).toString('utf8'));
  } finally {
    await zip.close();
  }
}

const REJECT_TEXT =
  '** REJECT ** DO NOT USE THIS CANDIDATE NUMBER. ConsultIDs: none. Reason: This candidate was withdrawn by its CNA. ' +
  'Further investigation showed that it was not a security issue. Notes: none.';

/**
 * A REJECTED CVE JSON 5 record derived from a real PUBLISHED one: ../shared holds no rejected
 * CVE 5 record (the NVD folders hold the Rejected CVE-2024-0069, see src/feeds/nvd), so this is
 * a mutation, made the way the CVE Program rejects a record: state REJECTED with dateRejected,
 * the CNA container cut to its providerMetadata and rejectedReasons, no ADP container, no
 * affected, metrics, references or descriptions.
 */
function rejectRecord(published: Cve5Json, rejectedAt: string): Cve5Json {
  const { cveId, assignerOrgId, assignerShortName, dateReserved, datePublished } = published.cveMetadata;
  return {
    dataType: published.dataType,
    dataVersion: published.dataVersion,
    cveMetadata: {
      cveId,
      assignerOrgId,
      assignerShortName,
      state: 'REJECTED',
      dateReserved,
      datePublished,
      dateRejected: rejectedAt,
      dateUpdated: rejectedAt,
    },
    containers: {
      cna: {
        providerMetadata: { ...published.containers.cna.providerMetadata, dateUpdated: rejectedAt },
        rejectedReasons: [{ lang: 'en', value: REJECT_TEXT }],
      },
    },
  };
}

describe('cve5 importer on the CISA vulnrichment subset', () => {
  let records: Collected;
  let dataDate: string | undefined;
  beforeAll(async () => {
    records = await collect(importer, vulnrichment);
    dataDate = records.dataDate;
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
      {
        source: 'cisa-adp',
        cvssVersion: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
        score: 8.8,
        rating: 'high',
      },
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

  it('marks a REJECTED record withdrawn at its rejection date, with the rejection reason as description', async () => {
    const published = await subsetRecord('2024/8xxx/CVE-2024-8462.json');
    expect(published.cveMetadata.state).toBe('PUBLISHED');
    const file = path.join(dir, 'CVE-2024-8462.json');
    await writeFile(file, JSON.stringify(rejectRecord(published, '2024-10-02T08:30:12.345678Z')));
    const read = await collect(importer, file);
    expect(read.warnings).toEqual([]);
    expect(read.advisories).toEqual([
      {
        id: 'CVE-2024-8462',
        source: 'cve5',
        aliases: [],
        references: [],
        severities: [],
        affected: [],
        description: REJECT_TEXT,
        published: '2024-09-05T13:00:05.647Z',
        modified: '2024-10-02T08:30:12.345Z',
        withdrawn: '2024-10-02T08:30:12.345Z',
      },
    ]);
    // The record it came from is not withdrawn and keeps its title and CNA metrics.
    const original = normalizeCve5Record(published);
    expect(original.withdrawn).toBeUndefined();
    expect(original.severities.length).toBeGreaterThan(0);
  });

  it('skips a record with a corrupted cveMetadata with a warning naming the zip entry', async () => {
    const corrupted = await subsetRecord('2011/0xxx/CVE-2011-0611.json');
    corrupted.cveMetadata.cveId = null;
    const rejected = rejectRecord(await subsetRecord('2024/8xxx/CVE-2024-8462.json'), '2024-10-02T08:30:12.345678Z');
    const zip = path.join(dir, 'subset.zip');
    await writeStoredZip(zip, [
      { name: '2011/0xxx/CVE-2011-0611.json', data: JSON.stringify(corrupted) },
      { name: '2024/8xxx/CVE-2024-8462.json', data: JSON.stringify(rejected) },
    ]);
    const read = await collect(importer, zip);
    expect(read.advisories.map((a) => [a.id, a.withdrawn])).toEqual([['CVE-2024-8462', '2024-10-02T08:30:12.345Z']]);
    expect(read.warnings).toEqual([
      { file: `${zip}!2011/0xxx/CVE-2011-0611.json`, message: 'invalid CVE 5 record: cveMetadata has no cveId' },
    ]);
  });
});

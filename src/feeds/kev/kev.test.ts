import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type Collected } from '../testdata/collect.js';
import { importer } from './index.js';

const kevDir = path.resolve(process.cwd(), '../shared/feeds/cisa-kev');
const catalog = path.join(kevDir, 'known_exploited_vulnerabilities.json');

describe('kev importer on the CISA catalog folder', () => {
  let kev: Collected;
  let dataDate: string | undefined;
  beforeAll(async () => {
    kev = await collect(importer, kevDir);
    dataDate = kev.dataDate;
  });

  it('reads the 1,404 entries of the JSON catalog and passes over the CSV and the schema', () => {
    expect(importer.name).toBe('kev');
    expect(kev.kev).toHaveLength(1404);
    expect(kev.advisories).toEqual([]);
    expect(kev.warnings).toEqual([]);
    expect(new Set(kev.kev.map((e) => e.cve)).size).toBe(1404);
  });

  it('keeps the fields of the glibc "Looney Tunables" entry', () => {
    expect(kev.kev.find((e) => e.cve === 'CVE-2023-4911')).toEqual({
      cve: 'CVE-2023-4911',
      vendor: 'GNU',
      product: 'GNU C Library',
      name: 'GNU C Library Buffer Overflow Vulnerability',
      dateAdded: '2023-11-21',
      dueDate: '2023-12-12',
      requiredAction:
        'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
      knownRansomwareCampaignUse: 'Unknown',
    });
    expect(kev.kev[0]).toMatchObject({ cve: 'CVE-2025-48384', vendor: 'Git', dateAdded: '2025-08-25' });
  });

  it('dates the data by the catalog dateReleased', () => {
    expect(dataDate).toBe('2025-08-25T17:04:19.979Z');
  });

  it('detects the catalog by content, not the CSV rendering', async () => {
    expect(await importer.detect(kevDir)).toBe(true);
    expect(await importer.detect(catalog)).toBe(true);
    expect(await importer.detect(path.join(kevDir, 'known_exploited_vulnerabilities.csv'))).toBe(false);
    expect(await importer.detect(path.join(kevDir, 'known_exploited_vulnerabilities_schema.json'))).toBe(false);
  });
});

describe('kev importer on a corrupted copy of the catalog', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'airlock-kev-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips entries with a bad CVE id or no dateAdded, with warnings, and keeps the rest', async () => {
    const doc = JSON.parse(await readFile(catalog, 'utf8'));
    doc.vulnerabilities[0].cveID = 'GIT-2025-48384';
    delete doc.vulnerabilities[1].dateAdded;
    const copy = path.join(dir, 'known_exploited_vulnerabilities.json');
    await writeFile(copy, JSON.stringify(doc));
    const read = await collect(importer, copy);
    expect(read.kev).toHaveLength(1402);
    expect(read.warnings).toEqual([
      { file: `${copy}#vulnerabilities[0]`, message: 'invalid KEV entry: cveID "GIT-2025-48384" is not a CVE id' },
      { file: `${copy}#vulnerabilities[1]`, message: 'invalid KEV entry: dateAdded undefined is not a date' },
    ]);
  });
});

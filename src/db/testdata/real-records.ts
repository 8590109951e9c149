/**
 * Real records from ../shared/feeds turned into the normalized model by hand,
 * for the writer and query tests: each function maps only the fields the test
 * needs, straight from the file (the full importers are other folders' work).
 */
import { readFile } from 'node:fs/promises';
import StreamZip from 'node-stream-zip';
import { parse as parseYaml } from 'yaml';
import type { Advisory, EpssScore, KevEntry } from '../../advisories/model.js';
import { feed } from './paths.js';

async function zipEntry(zipFile: string, name: string): Promise<string> {
  const zip = new StreamZip.async({ file: zipFile });
  try {
    return (await zip.entryData(name)).toString('utf8');
  } finally {
    await zip.close();
  }
}

/** CVE-2023-45853 from the CISA vulnrichment CVE JSON 5 record: full CNA text, dates, the CISA-ADP CVSS. */
export async function cve5Zlib(): Promise<Advisory> {
  const record = JSON.parse(await zipEntry(feed('nvd/cisa-vulnrichment-cve5/vulnrichment-subset.zip'), '2023/45xxx/CVE-2023-45853.json'));
  const cvss = record.containers.adp.flatMap((a: { metrics?: { cvssV3_1?: { vectorString: string; baseScore: number } }[] }) => a.metrics ?? [])
    .find((m: { cvssV3_1?: unknown }) => m.cvssV3_1).cvssV3_1;
  return {
    id: record.cveMetadata.cveId,
    source: 'cve5',
    aliases: [],
    description: record.containers.cna.descriptions[0].value,
    published: record.cveMetadata.datePublished,
    modified: record.cveMetadata.dateUpdated,
    references: [],
    severities: [{ source: 'cisa-adp', cvssVersion: '3.1', vector: cvss.vectorString, score: cvss.baseScore, rating: 'high' }],
    affected: [],
  };
}

/** CVE-2023-4911 from the NVD API 2.0 record (fkie-cad mirror). */
export async function nvdGlibc(): Promise<Advisory> {
  const cve = JSON.parse(await readFile(feed('nvd/fkie-cad-nvd-json-data-feeds/CVE-2023/CVE-2023-49xx/CVE-2023-4911.json'), 'utf8'));
  const metric = cve.metrics.cvssMetricV31[0].cvssData;
  return {
    id: cve.id,
    source: 'nvd',
    aliases: [],
    description: cve.descriptions.find((d: { lang: string }) => d.lang === 'en').value,
    published: cve.published,
    modified: cve.lastModified,
    references: cve.references.map((r: { url: string }) => r.url),
    severities: [{ source: 'nvd', cvssVersion: '3.1', vector: metric.vectorString, score: metric.baseScore, rating: 'high' }],
    affected: [],
  };
}

/** PYSEC-2022-43059 (aiohttp), one of the PyPA records that carry `withdrawn`. */
export async function withdrawnPysec(): Promise<Advisory> {
  const osv = parseYaml(await zipEntry(feed('pypa-osv/pypa-advisories.zip'), 'vulns/aiohttp/PYSEC-2022-43059.yaml'));
  return {
    id: osv.id,
    source: 'osv',
    aliases: osv.aliases,
    description: osv.details,
    published: osv.published,
    modified: osv.modified,
    withdrawn: osv.withdrawn,
    references: osv.references.map((r: { url: string }) => r.url),
    severities: [],
    affected: osv.affected.map((a: { package: { name: string; ecosystem: string }; ranges: never[]; versions: string[] }) => ({
      namespace: a.package.ecosystem,
      package: a.package.name,
      status: 'fixed',
      ranges: a.ranges,
      versions: a.versions,
    })),
  };
}

export async function kevEntry(cve: string): Promise<KevEntry> {
  const catalog = JSON.parse(await readFile(feed('cisa-kev/known_exploited_vulnerabilities.json'), 'utf8'));
  const v = catalog.vulnerabilities.find((e: { cveID: string }) => e.cveID === cve);
  return {
    cve: v.cveID,
    vendor: v.vendorProject,
    product: v.product,
    name: v.vulnerabilityName,
    dateAdded: v.dateAdded,
    dueDate: v.dueDate,
    requiredAction: v.requiredAction,
    knownRansomwareCampaignUse: v.knownRansomwareCampaignUse,
  };
}

/** Every row of an EPSS CSV, dated by its `#model_version:…,score_date:…` line. */
export async function epssScores(file: string): Promise<EpssScore[]> {
  const [comment, , ...rows] = (await readFile(feed('epss', file), 'utf8')).trim().split('\n');
  const model = /model_version:([^,]+)/.exec(comment)![1];
  const date = /score_date:(\d{4}-\d{2}-\d{2})/.exec(comment)![1];
  return rows.map((line) => {
    const [cve, epss, percentile] = line.split(',');
    return { cve, epss: Number(epss), percentile: Number(percentile), date, model };
  });
}

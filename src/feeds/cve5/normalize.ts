/**
 * One CVE JSON 5 record (CVE Program format, as in cisagov/vulnrichment) to an Advisory.
 * Severities: the CNA's own CVSS metrics under the CNA's short name, CISA's vulnrichment
 * ADP metrics as `cisa-adp`. The CNA's product/version data is vendor text, not package
 * coordinates, so no affected packages come from here.
 */
import type { Advisory, SeverityRecord } from '../../advisories/model.js';
import { cvssSeverity, uniqueSeverities } from '../common/cvss.js';
import { normalizeTimestamp } from '../common/dates.js';
import { RecordError, isObject, list, text, unique, type JsonObject } from '../common/values.js';

const METRIC_KEYS = ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0'] as const;

export function normalizeCve5Record(record: unknown): Advisory {
  if (!isObject(record) || !isObject(record.cveMetadata)) throw new RecordError('no cveMetadata');
  const meta = record.cveMetadata;
  const id = text(meta.cveId);
  if (!id) throw new RecordError('cveMetadata has no cveId');
  const containers = isObject(record.containers) ? record.containers : {};
  const cna = isObject(containers.cna) ? containers.cna : {};
  const adps = list(containers.adp, 'containers.adp').filter(isObject);

  const severities: SeverityRecord[] = [...containerSeverities(cna, cnaName(cna))];
  for (const adp of adps) severities.push(...containerSeverities(adp, adpName(adp)));

  const advisory: Advisory = {
    id,
    source: 'cve5',
    aliases: [],
    references: unique([cna, ...adps].flatMap((c) => urls(c.references))),
    severities: uniqueSeverities(severities),
    affected: [],
  };
  const title = text(cna.title);
  // A rejected record keeps only its rejection reason.
  const description = english(cna.descriptions) ?? english(cna.rejectedReasons);
  if (title) advisory.summary = title;
  if (description) advisory.description = description;
  const published = normalizeTimestamp(meta.datePublished);
  const modified = normalizeTimestamp(meta.dateUpdated);
  if (published) advisory.published = published;
  if (modified) advisory.modified = modified;
  if (meta.state === 'REJECTED') {
    const rejectedAt = normalizeTimestamp(meta.dateRejected) ?? modified ?? published;
    if (!rejectedAt) throw new RecordError('rejected record carries no date');
    advisory.withdrawn = rejectedAt;
  }
  return advisory;
}

function cnaName(cna: JsonObject): string {
  const provider = isObject(cna.providerMetadata) ? cna.providerMetadata : {};
  return text(provider.shortName) ?? text(provider.orgId) ?? 'cna';
}

function adpName(adp: JsonObject): string {
  const provider = isObject(adp.providerMetadata) ? adp.providerMetadata : {};
  const name = text(provider.shortName) ?? text(provider.orgId) ?? 'adp';
  return name === 'CISA-ADP' ? 'cisa-adp' : name;
}

function containerSeverities(container: JsonObject, source: string): SeverityRecord[] {
  const records: SeverityRecord[] = [];
  for (const metric of list(container.metrics, 'metrics')) {
    if (!isObject(metric)) continue;
    for (const key of METRIC_KEYS) {
      const cvss = metric[key];
      if (!isObject(cvss) || !text(cvss.vectorString)) continue;
      const record = cvssSeverity(source, cvss.vectorString as string, {
        score: cvss.baseScore,
        label: cvss.baseSeverity,
        version: cvss.version,
      });
      if (record) records.push(record);
    }
  }
  // Newest CVSS version first, as NVD's metrics are ordered.
  const rank = (r: SeverityRecord) => ['4.0', '3.1', '3.0', '2.0'].indexOf(r.cvssVersion ?? '');
  return records.sort((a, b) => rank(a) - rank(b));
}

function english(entries: unknown): string | undefined {
  const all = list(entries, 'descriptions').filter(isObject);
  const chosen = all.find((d) => typeof d.lang === 'string' && d.lang.toLowerCase().startsWith('en')) ?? all[0];
  return chosen ? text(chosen.value) : undefined;
}

function urls(references: unknown): string[] {
  return list(references, 'references').flatMap((ref) => (isObject(ref) && text(ref.url) ? [ref.url as string] : []));
}

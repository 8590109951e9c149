/**
 * One NVD API 2.0 `cve` object to an Advisory. NVD serves here for CVSS and descriptions
 * only: its CPE configurations are never turned into affected packages (CPE guesses are
 * the classic source of false positives on OS packages).
 */
import type { Advisory, SeverityRecord } from '../../advisories/model.js';
import { cvssSeverity, uniqueSeverities } from '../common/cvss.js';
import { normalizeTimestamp } from '../common/dates.js';
import { RecordError, isObject, list, text, unique } from '../common/values.js';

/** Newest CVSS version first: the order severity selection prefers. */
const METRIC_KEYS = ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2'] as const;

/** CISA's ADP organisation id; NVD names it instead of an e-mail address. */
const CISA_ADP_ORG_ID = '134c704f-9b21-4f2e-91b3-4a467353bcc0';

/**
 * Who scored it. NVD's own (Primary, nvd@nist.gov) is `nvd`; a CNA's secondary score is
 * named by its e-mail host (`secalert@redhat.com` → `redhat.com`) or its organisation id.
 */
export function nvdMetricSource(source: unknown): string {
  const value = text(source)?.trim().toLowerCase();
  if (!value) return 'unknown';
  if (value === 'nvd@nist.gov') return 'nvd';
  if (value === CISA_ADP_ORG_ID) return 'cisa-adp';
  const at = value.lastIndexOf('@');
  return at >= 0 ? value.slice(at + 1) : value;
}

export function normalizeNvdCve(cve: unknown): Advisory {
  if (!isObject(cve)) throw new RecordError('cve is not an object');
  const id = text(cve.id);
  if (!id) throw new RecordError('cve has no id');
  const descriptions = list(cve.descriptions, 'descriptions').filter(isObject);
  const english = descriptions.find((d) => d.lang === 'en') ?? descriptions[0];
  const advisory: Advisory = {
    id,
    source: 'nvd',
    aliases: [],
    references: unique(
      list(cve.references, 'references').flatMap((ref) => (isObject(ref) && text(ref.url) ? [ref.url as string] : [])),
    ),
    severities: nvdSeverities(cve.metrics),
    affected: [],
  };
  const description = english ? text(english.value) : undefined;
  if (description) advisory.description = description;
  const published = normalizeTimestamp(cve.published);
  const modified = normalizeTimestamp(cve.lastModified);
  if (published) advisory.published = published;
  if (modified) advisory.modified = modified;
  if (cve.vulnStatus === 'Rejected') {
    // NVD gives no rejection date; the last modification is when it became Rejected.
    const rejectedAt = modified ?? published;
    if (!rejectedAt) throw new RecordError('rejected record carries no date');
    advisory.withdrawn = rejectedAt;
  }
  return advisory;
}

function nvdSeverities(metrics: unknown): SeverityRecord[] {
  if (metrics === undefined) return [];
  if (!isObject(metrics)) throw new RecordError('metrics is not an object');
  const primary: SeverityRecord[] = [];
  const secondary: SeverityRecord[] = [];
  for (const key of METRIC_KEYS) {
    for (const metric of list(metrics[key], `metrics.${key}`)) {
      if (!isObject(metric) || !isObject(metric.cvssData)) continue;
      const vector = text(metric.cvssData.vectorString);
      if (!vector) continue;
      const record = cvssSeverity(nvdMetricSource(metric.source), vector, {
        score: metric.cvssData.baseScore,
        // v2 keeps its band beside cvssData, v3/v4 inside it.
        label: metric.cvssData.baseSeverity ?? metric.baseSeverity,
        version: metric.cvssData.version,
      });
      if (record) (metric.type === 'Primary' ? primary : secondary).push(record);
    }
  }
  return uniqueSeverities([...primary, ...secondary]);
}

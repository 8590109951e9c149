/**
 * OSV severities. `severity[]` CVSS vectors get a computed base score; the Ubuntu type
 * carries Ubuntu's priority word. GitHub's own label (`database_specific.severity`:
 * LOW/MODERATE/HIGH/CRITICAL) is what GitHub shows for the advisory, so it comes first
 * as source `ghsa`, ahead of the CVSS records.
 */
import type { SeverityRecord } from '../../advisories/model.js';
import { cvssSeverity, ratingFromLabel, uniqueSeverities } from '../common/cvss.js';
import { isObject, list, text } from '../common/values.js';

const CVSS_TYPES = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

/** Who wrote the record: GitHub for GHSA ids, otherwise the OSV database it came from. */
export function cvssSourceFor(id: string): string {
  return id.startsWith('GHSA-') ? 'ghsa' : 'osv';
}

export function osvSeverities(record: Record<string, unknown>, id: string): SeverityRecord[] {
  const labels: SeverityRecord[] = [];
  const vectors: SeverityRecord[] = [];
  const databaseLabel = isObject(record.database_specific)
    ? ratingFromLabel(record.database_specific.severity)
    : undefined;
  if (databaseLabel) labels.push({ source: cvssSourceFor(id), rating: databaseLabel });
  for (const entry of list(record.severity, 'severity')) {
    if (!isObject(entry)) continue;
    const type = text(entry.type);
    const score = text(entry.score);
    if (!type || !score) continue;
    if (type === 'Ubuntu') {
      const rating = ratingFromLabel(score);
      if (rating) labels.push({ source: 'ubuntu', rating });
    } else if (CVSS_TYPES.has(type)) {
      const severity = cvssSeverity(cvssSourceFor(id), score);
      if (severity) vectors.push(severity);
    }
  }
  return uniqueSeverities([...labels, ...vectors]);
}

/**
 * CVSS vectors to scores and rating bands. Feeds that ship only a vector (OSV `severity[]`)
 * get their base score computed here; feeds that ship a score (NVD, CVE 5, CSAF) keep theirs.
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { SeverityRating, SeverityRecord } from '../../advisories/model.js';

// The package is a CommonJS webpack bundle: its classes hang off the default export.
const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

export type CvssVersion = NonNullable<SeverityRecord['cvssVersion']>;

/** The CVSS version a vector string declares; a bare vector is CVSS v2 (it has no prefix). */
export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const prefix = /^CVSS:(\d\.\d)\//.exec(vector);
  if (!prefix) return /^\(?AV:[LAN]\/AC:/.test(vector) ? '2.0' : undefined;
  const version = prefix[1];
  return version === '3.0' || version === '3.1' || version === '4.0' ? version : undefined;
}

/** Base score of a complete vector, or undefined when the vector is malformed or partial. */
export function cvssBaseScore(vector: string): number | undefined {
  const version = cvssVersionOf(vector);
  if (!version) return undefined;
  try {
    const parsed =
      version === '2.0'
        ? new Cvss2(vector.replace(/^\(|\)$/g, ''))
        : version === '3.0'
          ? new Cvss3P0(vector)
          : version === '3.1'
            ? new Cvss3P1(vector)
            : new Cvss4P0(vector);
    if (!parsed.isBaseFullyDefined()) return undefined;
    const scores = parsed.calculateScores() as { base?: number; overall: number };
    const score = scores.base ?? scores.overall;
    return Number.isFinite(score) ? score : undefined;
  } catch {
    // The calculator throws on unknown metric values; such a vector has no score.
    return undefined;
  }
}

/**
 * The qualitative band for a score (CVSS v3/v4 specification table; v2 has no critical band).
 * A 0.0 ("None") score is reported as negligible: our ratings have no "none".
 */
export function ratingForScore(version: CvssVersion, score: number): SeverityRating {
  if (score <= 0) return 'negligible';
  if (version === '2.0') return score < 4 ? 'low' : score < 7 ? 'medium' : 'high';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** A source's own word (LOW, MODERATE, Important, …) mapped to our rating, if it is one we know. */
export function ratingFromLabel(label: unknown): SeverityRating | undefined {
  if (typeof label !== 'string') return undefined;
  switch (label.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'none':
      return 'negligible';
    case 'unknown':
    case 'untriaged':
      return 'unknown';
    default:
      return undefined;
  }
}

/**
 * A severity record for one vector. `score`/`label` are what the source published; when it
 * published none, the score is computed and the rating banded from it. A vector we cannot
 * parse is kept (it is still the source's statement) without a score.
 */
export function cvssSeverity(
  source: string,
  vector: string,
  published: { score?: unknown; label?: unknown; version?: unknown } = {},
): SeverityRecord | undefined {
  const trimmed = vector.trim();
  const version = cvssVersionOf(trimmed) ?? declaredVersion(published.version);
  if (!version) return undefined;
  const score = typeof published.score === 'number' ? published.score : cvssBaseScore(trimmed);
  const rating = ratingFromLabel(published.label) ?? (score === undefined ? undefined : ratingForScore(version, score));
  const record: SeverityRecord = { source, cvssVersion: version, vector: trimmed };
  if (score !== undefined) record.score = score;
  if (rating !== undefined) record.rating = rating;
  return record;
}

function declaredVersion(version: unknown): CvssVersion | undefined {
  const text = typeof version === 'number' ? version.toFixed(1) : version;
  return text === '2.0' || text === '3.0' || text === '3.1' || text === '4.0' ? text : undefined;
}

/** Drops repeated statements (Ubuntu OSV lists the same vector twice). */
export function uniqueSeverities(records: SeverityRecord[]): SeverityRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const key = `${record.source}\u0000${record.cvssVersion ?? ''}\u0000${record.vector ?? ''}\u0000${record.rating ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Severity selection, as Docker Scout documents it in "Vulnerability severity assessment"
 * (https://docs.docker.com/scout/explore/analysis/):
 * 1. The preferred rater for the package (see sources.ts) decides the band with its own
 *    rating; with no rating but a CVSS score of its own, that score decides it.
 * 2. When the preferred rater gave a rating but no CVSS score, the best fallback CVSS score
 *    is shown beside it ("LOW, CVSS 9.8 from NVD"); the band stays the rater's.
 * 3. When the preferred rater said nothing, the fallback CVSS score decides the band.
 * 4. No score anywhere: Unspecified (U).
 */
import type { SeverityRating, SeverityRecord } from '../advisories/model.js';
import { bandForRating, bandForScore, type SeverityBand } from './bands.js';
import { bestScored, fallbackRank, preferredRaters } from './sources.js';

export interface CvssScore {
  score: number;
  version: NonNullable<SeverityRecord['cvssVersion']>;
  vector?: string;
  /** Who published the score: `nvd`, `ghsa`, a CNA's short name, `cisa-adp`. */
  source: string;
}

export interface SelectedSeverity {
  band: SeverityBand;
  /** Who decided the band; absent when unspecified. */
  source?: string;
  /** The deciding rater's own word, when it had one (`negligible` for Debian's `unimportant`). */
  rating?: SeverityRating;
  /** The CVSS score shown with the band: the deciding rater's own, else the fallback's. */
  cvss?: CvssScore;
}

export interface SeverityInput {
  /** The namespace the package was matched in; it picks the preferred rater. */
  namespace: string;
  /** Every rating known for the vulnerability and its aliases, incl. the distro's per-package urgency. */
  records: SeverityRecord[];
}

export function selectSeverity({ namespace, records }: SeverityInput): SelectedSeverity {
  const preferred = preferredRaters(namespace);
  for (const rater of preferred) {
    const own = records.filter((r) => r.source === rater);
    const rated =
      own.find((r) => bandForRating(r.rating) !== undefined && r.score === undefined) ??
      own.find((r) => bandForRating(r.rating) !== undefined);
    const scored = bestScored(own);
    if (rated) {
      const cvss = scored ? toCvss(scored) : fallbackCvss(records, preferred);
      return compact({ band: bandForRating(rated.rating)!, source: rater, rating: rated.rating, cvss });
    }
    if (scored && bandForScore(scored.score, scored.cvssVersion) !== 'unspecified') {
      return compact({ band: bandForScore(scored.score, scored.cvssVersion), source: rater, cvss: toCvss(scored) });
    }
  }
  const cvss = fallbackCvss(records, preferred);
  if (cvss && bandForScore(cvss.score, cvss.version) !== 'unspecified')
    return { band: bandForScore(cvss.score, cvss.version), source: cvss.source, cvss };
  return { band: 'unspecified' };
}

/** The fallback score: best rank (NVD, CNA, CISA ADP, others), then best CVSS version. */
function fallbackCvss(records: SeverityRecord[], exclude: string[]): CvssScore | undefined {
  const byRank = new Map<number, SeverityRecord[]>();
  for (const r of records) {
    const rank = fallbackRank(r.source);
    if (rank === undefined || exclude.includes(r.source) || r.score === undefined) continue;
    byRank.set(rank, [...(byRank.get(rank) ?? []), r]);
  }
  for (const rank of [...byRank.keys()].sort((a, b) => a - b)) {
    const best = bestScored(byRank.get(rank)!);
    if (best) return toCvss(best);
  }
  return undefined;
}

function toCvss(r: SeverityRecord & { score: number }): CvssScore {
  const cvss: CvssScore = { score: r.score, version: r.cvssVersion ?? '3.1', source: r.source };
  if (r.vector) cvss.vector = r.vector;
  return cvss;
}

function compact(s: SelectedSeverity): SelectedSeverity {
  if (s.cvss === undefined) delete s.cvss;
  if (s.rating === undefined) delete s.rating;
  return s;
}

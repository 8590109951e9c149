/**
 * Severity bands as Docker Scout shows them (the severity assessment select.ts follows):
 * C, H, M, L and U(nspecified).
 * Scores band by the CVSS v3 qualitative table (0.1–3.9 L, 4.0–6.9 M, 7.0–8.9 H,
 * 9.0–10.0 C), which CVSS v4 shares. A CVSS v2 score has no critical band in its own
 * table, so a v2 9.3 stays HIGH rather than being promoted by v3 thresholds.
 */
import type { SeverityRating, SeverityRecord } from '../advisories/model.js';

export type SeverityBand = 'critical' | 'high' | 'medium' | 'low' | 'unspecified';

/** Most severe first: the order of report columns and of sorting. */
export const BANDS: readonly SeverityBand[] = ['critical', 'high', 'medium', 'low', 'unspecified'];

export const BAND_LETTER: Record<SeverityBand, string> = {
  critical: 'C',
  high: 'H',
  medium: 'M',
  low: 'L',
  unspecified: 'U',
};

/** 0 for critical … 4 for unspecified. */
export function bandRank(band: SeverityBand): number {
  return BANDS.indexOf(band);
}

export function bandForScore(score: number, version: SeverityRecord['cvssVersion']): SeverityBand {
  // CVSS "None" (0.0) is not a finding's severity; with nothing else it stays unspecified.
  if (!(score > 0)) return 'unspecified';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9 || version === '2.0') return 'high';
  return 'critical';
}

/**
 * A rater's word as a band. Debian's `unimportant` (stored as `negligible`) is shown as
 * LOW, the way Docker Scout shows it and Trivy maps it: it is still a known flaw in the
 * installed code, and LOW keeps it visible without counting it as unrated.
 */
export function bandForRating(rating: SeverityRating | undefined): SeverityBand | undefined {
  switch (rating) {
    case 'critical':
    case 'high':
    case 'medium':
    case 'low':
      return rating;
    case 'negligible':
      return 'low';
    default:
      // `unknown` (untriaged) and absent say nothing: look further.
      return undefined;
  }
}

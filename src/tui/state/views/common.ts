/** Pieces several screens share: severity words and count cells. */
import type { SeverityCounts } from '../../../findings/model.js';
import { emptyCounts } from '../../../findings/counts.js';
import { BANDS, BAND_LETTER, type SeverityBand } from '../../../severity/index.js';
import type { FindingRow } from '../data.js';
import { seg, type Segment } from '../lines.js';
import type { RowDecision } from '../query.js';

export const BAND_SHORT: Record<SeverityBand, string> = {
  critical: 'CRIT',
  high: 'HIGH',
  medium: 'MED',
  low: 'LOW',
  unspecified: 'UNSP',
};

/** Rows by band, leaving out suppressed ones: the same numbers `cves` counts after VEX. */
export function rowCounts(rows: FindingRow[], decisions: Map<string, RowDecision>): SeverityCounts {
  const counts = emptyCounts();
  for (const r of rows) if (!decisions.get(r.key)?.suppressed) counts[r.band] += 1;
  return counts;
}

/** `0C 1H 0M 10L 3U`, each cell in its band's color, zero cells dim. */
export function countSegments(counts: SeverityCounts): Segment[] {
  return BANDS.flatMap((b, i) => [
    ...(i > 0 ? [seg(' ')] : []),
    seg(`${counts[b]}${BAND_LETTER[b]}`, counts[b] === 0 ? 'dim' : b),
  ]);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const shortDigest = (d: string | undefined) => (d ? d.replace(/^sha256:/, '').slice(0, 12) : '-');

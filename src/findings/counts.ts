/** Severity counts and the `17C 32H 35M 33L 2U` cells of the seed's tables. */
import type { Finding } from '../match/types.js';
import { BANDS, BAND_LETTER } from '../severity/index.js';
import { groupKey } from './package-groups.js';
import { paintBand, type Style } from '../report/vulns/style.js';
import type { SeverityCounts } from './model.js';

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 };
}

/** Vulnerabilities by band, each counted once per package group (a glibc CVE on libc6 and libc-bin counts once). */
export function countGroups(findings: Finding[]): SeverityCounts {
  const counts = emptyCounts();
  const seen = new Set<string>();
  for (const f of findings) {
    const key = `${f.vulnId}\u0000${groupKey(f.package)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[f.severity.band] += 1;
  }
  return counts;
}

/**
 * ` 17C    32H    35M    33L     2U` as the seed lays it out: one leading space, each
 * cell right-aligned in 5 characters, two spaces between cells; the U cell only when
 * nonzero, unless `alwaysU`.
 */
export function severityCells(counts: SeverityCounts, style: Style, options: { alwaysU?: boolean } = {}): string {
  const cells = BANDS.filter((b) => b !== 'unspecified' || counts.unspecified > 0 || options.alwaysU).map((b) =>
    paintBand(style, b, `${counts[b]}${BAND_LETTER[b]}`.padStart(5), counts[b] === 0),
  );
  return ` ${cells.join('  ')}`;
}

export function total(counts: SeverityCounts): number {
  return BANDS.reduce((sum, b) => sum + counts[b], 0);
}

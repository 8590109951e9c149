/** Severity counts: each vulnerability once per package group, by band. */
import type { Finding } from '../match/types.js';
import { BANDS } from '../severity/index.js';
import { groupKey } from './group-key.js';
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

export function total(counts: SeverityCounts): number {
  return BANDS.reduce((sum, b) => sum + counts[b], 0);
}

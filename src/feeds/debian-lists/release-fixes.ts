/**
 * DSA and DLA entries say which version fixed a CVE in a stable release
 * (`[bookworm] - glibc 2.36-9+deb12u3` under `{CVE-2023-4911}`). This index
 * collects them per vulnerability id, so the CVE entry can take its release
 * fixes from them. An advisory citing no CVE is indexed under its own id.
 */
import type { AdvisoryEntry, PackageLine } from './tracker-entry.js';

export interface ReleaseFix {
  advisoryId: string;
  date?: string;
  /** Always has a release. */
  line: PackageLine;
}

export class ReleaseFixIndex {
  private readonly byVuln = new Map<string, ReleaseFix[]>();
  private readonly titles = new Map<string, string>();
  private newest: string | undefined;

  add(entry: AdvisoryEntry): void {
    if (entry.date && (!this.newest || entry.date > this.newest)) this.newest = entry.date;
    const vulnIds = entry.cves.length > 0 ? entry.cves : [entry.id];
    if (entry.cves.length === 0 && entry.title) this.titles.set(entry.id, entry.title);
    for (const line of entry.packages) {
      if (!line.release) continue;
      for (const vulnId of vulnIds) {
        const fixes = this.byVuln.get(vulnId) ?? [];
        fixes.push({ advisoryId: entry.id, date: entry.date, line });
        this.byVuln.set(vulnId, fixes);
      }
    }
  }

  /** Takes the fixes of one vulnerability out of the index. */
  take(vulnId: string): ReleaseFix[] {
    const fixes = this.byVuln.get(vulnId) ?? [];
    this.byVuln.delete(vulnId);
    return fixes;
  }

  /** Vulnerability ids not yet taken, in a stable order. */
  remainingIds(): string[] {
    return [...this.byVuln.keys()].sort();
  }

  /** "xorg-server - security update", for advisories that cite no CVE and so have no other text. */
  titleOf(advisoryId: string): string | undefined {
    return this.titles.get(advisoryId);
  }

  newestDate(): string | undefined {
    return this.newest;
  }
}

/**
 * Of several advisories fixing one package in one release (a DSA and its
 * regression update, say), the later one carries the version that holds.
 */
export function latestFix(fixes: ReleaseFix[]): ReleaseFix | undefined {
  let best: ReleaseFix | undefined;
  for (const fix of fixes) {
    if (!best || compareAdvisoryOrder(fix, best) > 0) best = fix;
  }
  return best;
}

function compareAdvisoryOrder(a: ReleaseFix, b: ReleaseFix): number {
  const byDate = (a.date ?? '').localeCompare(b.date ?? '');
  if (byDate !== 0) return byDate;
  return advisoryNumber(a.advisoryId) - advisoryNumber(b.advisoryId);
}

/** DSA-5356-2 → 5356.002, so a regression update sorts after its original. */
function advisoryNumber(id: string): number {
  const match = /-(\d+)(?:-(\d+))?$/.exec(id);
  return match ? Number(match[1]) + Number(match[2] ?? 0) / 1000 : 0;
}

/** Filtering and sorting the finding rows: pure selectors the reducer and views share. */
import type { PackageType } from '../../sbom/model.js';
import { bandRank, type SeverityBand } from '../../severity/index.js';
import { decideFindings, type VexDecision } from '../../vex/apply.js';
import type { VexDocument } from '../../vex/model.js';
import { suppresses } from '../../vex/model.js';
import type { FindingRow, GroupInfo, ReviewData } from './data.js';

export const SORT_KEYS = ['severity', 'cvss', 'epss', 'kev', 'fixability'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface Filters {
  /** Empty: every band. */
  bands: SeverityBand[];
  type?: PackageType;
  fix: 'all' | 'fixed' | 'unfixed';
  layer: 'all' | 'base' | 'own';
  search: string;
  /** Show rows a not_affected / fixed VEX statement suppressed (hidden by default, as in `cves`). */
  showSuppressed: boolean;
}

export const NO_FILTERS: Filters = { bands: [], fix: 'all', layer: 'all', search: '', showSuppressed: false };

export interface RowDecision {
  /** The statement deciding the row's first package. */
  decision?: VexDecision;
  /** Every package of the row is suppressed. */
  suppressed: boolean;
}

const decisionCache = new WeakMap<ReviewData, Map<VexDocument | undefined, Map<string, RowDecision>>>();

/** The VEX decision of every row, under the given document (memoized per document). */
export function rowDecisions(data: ReviewData, vex: VexDocument | undefined): Map<string, RowDecision> {
  let perDoc = decisionCache.get(data);
  if (!perDoc) decisionCache.set(data, (perDoc = new Map()));
  const cached = perDoc.get(vex);
  if (cached) return cached;
  const findings = data.rows.flatMap((r) => r.findings);
  const { decisions } = decideFindings(vex, data.image, findings, data.input.now);
  const out = new Map<string, RowDecision>();
  let i = 0;
  for (const row of data.rows) {
    const mine = row.findings.map(() => decisions[i++]);
    out.set(row.key, { decision: mine[0], suppressed: mine.every((d) => d !== undefined && suppresses(d.status)) });
  }
  perDoc.set(vex, out);
  return out;
}

const FIX_RANK = { fixed: 0, no_fix_yet: 1, unknown: 2, will_not_fix: 3, end_of_life: 4 } as const;
const desc = (a: number | undefined, b: number | undefined) => (b ?? -1) - (a ?? -1);
const bySeverity = (a: FindingRow, b: FindingRow) =>
  bandRank(a.band) - bandRank(b.band) ||
  desc(a.cvss, b.cvss) ||
  desc(a.epss, b.epss) ||
  (a.vulnId < b.vulnId ? -1 : a.vulnId > b.vulnId ? 1 : 0);

export const COMPARATORS: Record<SortKey, (a: FindingRow, b: FindingRow) => number> = {
  severity: bySeverity,
  cvss: (a, b) => desc(a.cvss, b.cvss) || bySeverity(a, b),
  epss: (a, b) => desc(a.epss, b.epss) || bySeverity(a, b),
  kev: (a, b) => Number(b.kev) - Number(a.kev) || bySeverity(a, b),
  fixability: (a, b) => FIX_RANK[a.lead.status] - FIX_RANK[b.lead.status] || bySeverity(a, b),
};

export function keepRow(row: FindingRow, f: Filters, decision: RowDecision | undefined): boolean {
  if (f.bands.length > 0 && !f.bands.includes(row.band)) return false;
  if (f.type && row.group.type !== f.type) return false;
  if (f.fix === 'fixed' && row.lead.status !== 'fixed') return false;
  if (f.fix === 'unfixed' && row.lead.status === 'fixed') return false;
  if (f.layer !== 'all' && row.layer !== f.layer) return false;
  if (!f.showSuppressed && decision?.suppressed) return false;
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.haystack.includes(w));
}

export interface VisibleGroup {
  group: GroupInfo;
  rows: FindingRow[];
}

/** Rows after filters, grouped by package; groups ordered by their best row under the sort. */
export function visibleGroups(
  data: ReviewData,
  filters: Filters,
  sort: SortKey,
  decisions: Map<string, RowDecision>,
): VisibleGroup[] {
  const rows = data.rows.filter((r) => keepRow(r, filters, decisions.get(r.key))).sort(COMPARATORS[sort]);
  const groups = new Map<string, VisibleGroup>();
  for (const row of rows) {
    const g = groups.get(row.group.key) ?? { group: row.group, rows: [] };
    g.rows.push(row);
    groups.set(row.group.key, g);
  }
  return [...groups.values()];
}

export function visibleRows(groups: VisibleGroup[]): FindingRow[] {
  return groups.flatMap((g) => g.rows);
}

/** `H,L · deb · unfixed · own · "zlib" · suppressed shown`, or `none`. */
export function filterSummary(f: Filters): string {
  const parts: string[] = [];
  if (f.bands.length > 0) parts.push(f.bands.map((b) => b[0].toUpperCase()).join(','));
  if (f.type) parts.push(f.type);
  if (f.fix !== 'all') parts.push(f.fix === 'fixed' ? 'fix available' : 'no fix');
  if (f.layer !== 'all') parts.push(`${f.layer} layers`);
  if (f.search) parts.push(`"${f.search}"`);
  if (f.showSuppressed) parts.push('suppressed shown');
  return parts.length > 0 ? parts.join(' · ') : 'none';
}

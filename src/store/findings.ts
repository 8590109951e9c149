/**
 * The part of a finding the store keeps and compares: which vulnerability, on which
 * package, in what state. A finding "changed" when its band, status or fixed version did.
 * Counts are per (vulnerability, package group), the way every report counts.
 */
import type { Finding, FindingStatus } from '../match/types.js';
import { emptyCounts } from '../findings/counts.js';
import type { SeverityCounts } from '../findings/model.js';
import { groupKey } from '../findings/package-groups.js';
import { BANDS, type SeverityBand } from '../severity/index.js';

export interface StoredFinding {
  vulnId: string;
  purl: string;
  packageName: string;
  packageVersion: string;
  groupKey: string;
  status: FindingStatus;
  fixedVersion?: string;
  band: SeverityBand;
}

export interface FindingState {
  band: SeverityBand;
  status: FindingStatus;
  fixedVersion?: string;
}

export type ChangeAspect = 'severity' | 'status' | 'fix';

export interface FindingChange {
  kind: 'new' | 'resolved' | 'changed';
  vulnId: string;
  purl: string;
  packageName: string;
  packageVersion: string;
  groupKey: string;
  before?: FindingState;
  after?: FindingState;
  /** For `changed`: what differs. */
  changed?: ChangeAspect[];
}

export const findingKey = (f: { vulnId: string; purl: string }) => `${f.vulnId}\u0000${f.purl}`;

/** One record per (vulnerability, purl): a package found at two paths is one package here. */
export function toStoredFindings(findings: Finding[]): StoredFinding[] {
  const out = new Map<string, StoredFinding>();
  for (const f of findings) {
    const record: StoredFinding = {
      vulnId: f.vulnId,
      purl: f.package.purl,
      packageName: f.package.name,
      packageVersion: f.package.version,
      groupKey: groupKey(f.package),
      status: f.status,
      band: f.severity.band,
    };
    if (f.fixedVersion) record.fixedVersion = f.fixedVersion;
    if (!out.has(findingKey(record))) out.set(findingKey(record), record);
  }
  return [...out.values()];
}

const stateOf = (f: StoredFinding): FindingState =>
  f.fixedVersion
    ? { band: f.band, status: f.status, fixedVersion: f.fixedVersion }
    : { band: f.band, status: f.status };

export function diffFindings(before: StoredFinding[], after: StoredFinding[]): FindingChange[] {
  const old = new Map(before.map((f) => [findingKey(f), f]));
  const now = new Map(after.map((f) => [findingKey(f), f]));
  const changes: FindingChange[] = [];
  const base = (f: StoredFinding) => ({
    vulnId: f.vulnId,
    purl: f.purl,
    packageName: f.packageName,
    packageVersion: f.packageVersion,
    groupKey: f.groupKey,
  });
  for (const [key, f] of now) {
    const was = old.get(key);
    if (!was) {
      changes.push({ kind: 'new', ...base(f), after: stateOf(f) });
      continue;
    }
    const changed: ChangeAspect[] = [];
    if (was.band !== f.band) changed.push('severity');
    if (was.status !== f.status) changed.push('status');
    if ((was.fixedVersion ?? '') !== (f.fixedVersion ?? '')) changed.push('fix');
    if (changed.length > 0)
      changes.push({ kind: 'changed', ...base(f), before: stateOf(was), after: stateOf(f), changed });
  }
  for (const [key, f] of old) if (!now.has(key)) changes.push({ kind: 'resolved', ...base(f), before: stateOf(f) });
  const order = { new: 0, changed: 1, resolved: 2 };
  return changes.sort((a, b) => order[a.kind] - order[b.kind] || cmp(a.vulnId, b.vulnId) || cmp(a.purl, b.purl));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Distinct (vulnerability, package group) per band, as `countGroups` counts findings. */
export function countStored(findings: Pick<StoredFinding, 'vulnId' | 'groupKey' | 'band'>[]): SeverityCounts {
  const counts = emptyCounts();
  const seen = new Set<string>();
  for (const f of findings) {
    const key = `${f.vulnId}\u0000${f.groupKey}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[f.band] += 1;
  }
  return counts;
}

export function deltaCounts(before: SeverityCounts, after: SeverityCounts): SeverityCounts {
  return Object.fromEntries(BANDS.map((b) => [b, after[b] - before[b]])) as SeverityCounts;
}

/** Distinct (vulnerability, group) among changes of one kind: libc6 and libc-bin count once. */
export function countChanges(changes: FindingChange[], kind: FindingChange['kind']): number {
  return new Set(changes.filter((c) => c.kind === kind).map((c) => `${c.vulnId}\u0000${c.groupKey}`)).size;
}

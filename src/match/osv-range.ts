/**
 * OSV `affected[]` evaluation, per the OSV schema's reference pseudocode: a version is
 * affected when it is listed in `versions` or lies inside a range. Inside a range the
 * events, sorted by version, form a timeline: `introduced` (with `0` before everything)
 * opens it, `fixed` closes it at that version, `last_affected` closes it after that
 * version; `limit` events bound the whole range from above (`*` = no bound). GIT ranges
 * name commits, which an installed package cannot be placed among: they never match.
 */
import type { RangeEvent, VersionRange } from '../advisories/model.js';
import type { VersionComparator } from '../versions/index.js';

export interface RangeVerdict {
  affected: boolean;
  /** The first `fixed` event above the version, in the range that matched. */
  fixed?: string;
}

type Keyed = { event: RangeEvent; version: string };

const versionOf = (e: RangeEvent): string => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';

function sortEvents(events: RangeEvent[], cmp: VersionComparator): Keyed[] {
  const keyed = events.map((event) => ({ event, version: versionOf(event) }));
  const rank = (k: Keyed) => (k.event.introduced === '0' ? -1 : 0);
  return keyed.sort((a, b) => rank(a) - rank(b) || (rank(a) === -1 ? 0 : cmp.compare(a.version, b.version)));
}

function beforeLimits(version: string, events: RangeEvent[], cmp: VersionComparator): boolean {
  const limits = events.filter((e) => e.limit !== undefined).map((e) => e.limit!);
  if (limits.length === 0) return true;
  return limits.some((limit) => limit.includes('*') || cmp.compare(version, limit) < 0);
}

export function rangeVerdict(version: string, range: VersionRange, cmp: VersionComparator): RangeVerdict {
  if (range.type === 'GIT' || !beforeLimits(version, range.events, cmp)) return { affected: false };
  const sorted = sortEvents(range.events, cmp);
  let affected = false;
  for (const { event, version: at } of sorted) {
    if (event.introduced !== undefined) {
      if (event.introduced === '0' || cmp.compare(version, at) >= 0) affected = true;
    } else if (event.fixed !== undefined) {
      if (cmp.compare(version, at) >= 0) affected = false;
    } else if (event.last_affected !== undefined) {
      if (cmp.compare(version, at) > 0) affected = false;
    }
  }
  if (!affected) return { affected };
  const next = sorted.find(({ event, version: at }) => event.fixed !== undefined && cmp.compare(version, at) < 0);
  return next ? { affected, fixed: next.version } : { affected };
}

/**
 * Whether `version` is one of the listed versions: by text, or, with `byOrder`, equal in
 * the scheme's order (`1.0` = `1.0.0` in PEP 440).
 */
export function listedVersion(version: string, versions: string[], cmp: VersionComparator, byOrder = true): boolean {
  if (versions.includes(version)) return true;
  if (!byOrder || !cmp.isValid(version)) return false;
  return versions.some((v) => cmp.isValid(v) && cmp.compare(v, version) === 0);
}

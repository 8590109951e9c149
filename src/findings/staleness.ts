/**
 * How old the data behind a verdict is (issue 12): judged per advisory source the image's
 * packages were actually matched against (the coverage knows them), on each source's own
 * data date, never on when the bundle was built. A bundle built today from a tracker
 * snapshot of 2024 is 2024's data; a source the image did not touch cannot make it stale.
 * A source whose data date is unknown is named as such, never taken as fresh.
 */
import type { CoverageEntry } from '../match/coverage.js';

/** What staleness needs of the database (DatabaseInfo in model.ts has these). */
interface DatedSources {
  expires?: string;
  sources: { name: string; dataDate?: string }[];
}

const DAY_MS = 86_400_000;

export interface SourceAge {
  source: string;
  /** The namespaces of the image matched against this source (`debian:bookworm`, `npm`). */
  namespaces: string[];
  /** The source's data date; absent when the database does not know it. */
  dataDate?: string;
  /** Whole days since `dataDate`, never negative; absent with it. */
  ageDays?: number;
}

export interface Staleness {
  maxAgeDays: number;
  /** Every source the image was matched against, oldest first, undated last. */
  sources: SourceAge[];
  /** Those older than `maxAgeDays`. */
  stale: SourceAge[];
  /** Those whose data date is unknown: their age cannot be checked. */
  undated: SourceAge[];
  /** The bundle's own expiry, when it has passed. */
  expired?: string;
}

function ageOf(dataDate: string | undefined, now: Date): number | undefined {
  const t = dataDate === undefined ? NaN : Date.parse(dataDate);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}

/** The sources behind the assessed coverage entries, with the namespaces matched against each. */
export function matchedSources(coverage: CoverageEntry[]): MatchedSource[] {
  const namespaces = new Map<string, Set<string>>();
  for (const e of coverage) {
    if (e.status !== 'assessed' || !e.namespace) continue;
    for (const s of e.sources) namespaces.set(s, (namespaces.get(s) ?? new Set()).add(e.namespace));
  }
  return [...namespaces].map(([source, ns]) => ({ source, namespaces: [...ns].sort() }));
}

export type MatchedSource = Pick<SourceAge, 'source' | 'namespaces'>;

/** Each matched source's data date and age from the database, oldest first, undated last. */
function agesOf(matched: MatchedSource[], database: DatedSources, now: Date): SourceAge[] {
  const dates = new Map(database.sources.map((s) => [s.name, s.dataDate]));
  const ages = matched.map((m): SourceAge => {
    const dataDate = dates.get(m.source);
    const ageDays = ageOf(dataDate, now);
    return { ...m, ...(ageDays !== undefined ? { dataDate, ageDays } : {}) };
  });
  return ages.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.source.localeCompare(b.source, 'en'));
}

export function judgeStaleness(
  matched: MatchedSource[],
  database: DatedSources,
  now: Date,
  maxAgeDays: number,
): Staleness {
  const sources = agesOf(matched, database, now);
  const expired =
    database.expires !== undefined && Date.parse(database.expires) <= now.getTime() ? database.expires : undefined;
  return {
    maxAgeDays,
    sources,
    stale: sources.filter((s) => s.ageDays !== undefined && s.ageDays > maxAgeDays),
    undated: sources.filter((s) => s.ageDays === undefined),
    ...(expired ? { expired } : {}),
  };
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const used = (s: SourceAge) => (s.namespaces.length ? `${s.source} (${s.namespaces.join(', ')})` : s.source);

/** The warnings a report prints: an expired bundle, the stale sources (oldest first), the undated ones. */
export function stalenessWarnings(s: Staleness): string[] {
  const out: string[] = [];
  if (s.expired) out.push(`the advisory database expired on ${s.expired}; findings may miss recent vulnerabilities`);
  if (s.stale.length > 0) {
    const listed = s.stale.map((x) => `${used(x)} data of ${x.dataDate!.slice(0, 10)}, ${days(x.ageDays!)} old`);
    out.push(
      `stale advisory data (limit ${days(s.maxAgeDays)}): ${listed.join('; ')}; findings may miss recent vulnerabilities`,
    );
  }
  if (s.undated.length > 0)
    out.push(
      `advisory data of unknown age: ${s.undated.map(used).join('; ')} record no data date, so the limit of ${days(s.maxAgeDays)} cannot be checked`,
    );
  return out;
}

/** Whether `--fail-on-stale` stops the scan: stale or expired, and undated too (its freshness is not shown). */
export function failsStaleness(s: Staleness): boolean {
  return s.expired !== undefined || s.stale.length > 0 || s.undated.length > 0;
}

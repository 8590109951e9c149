/**
 * Matching: every SBOM package is given to the first matcher that handles it, the
 * advisory rows of its namespace are read at once (one query per namespace), each row is judged against the installed version, and the hits of each
 * package are grouped by alias into findings.
 */
import type { AdvisoryDb } from '../db/open.js';
import type { AffectedRow } from '../db/queries.js';
import type { Package, Sbom } from '../sbom/model.js';
import { bandRank } from '../severity/index.js';
import { findingBody, loadEnrichment, packageRef, toFinding } from './enrich.js';
import { groupHits, type HitGroup } from './group.js';
import { affectedFor, aliasesFor } from '../db/queries.js';
import type { Matcher, PackageQuery } from './matcher.js';
import { matchers as registered } from './matchers/index.js';
import { groupVerdict } from './merge.js';
import { resolvedOutsideRegistry } from './non-registry.js';
import { evaluateRow, type Hit } from './row-verdict.js';
import type { Finding } from './types.js';

export interface MatchOptions {
  /** Defaults to every registered matcher. */
  matchers?: Matcher[];
  /**
   * Also match language packages whose files a deb, rpm or apk owns against their
   * ecosystem's advisories (`--include-os-owned`). Off by default: the distro backports
   * fixes into its own versions, so the ecosystem's fixed versions give false positives;
   * the owning OS package is matched instead (as Trivy and Grype do).
   */
  includeOsOwned?: boolean;
}

/** A language package whose files an OS package owns: its owner's advisories cover it. */
export const isOsOwned = (pkg: Package): boolean => pkg.ownedBy !== undefined && pkg.type !== pkg.ownedBy.type;

interface Planned {
  pkg: Package;
  query: PackageQuery;
}

export function planQueries(sbom: Sbom, matchers: Matcher[] = registered, includeOsOwned = false): Planned[] {
  const planned: Planned[] = [];
  for (const pkg of sbom.packages) {
    if (!includeOsOwned && isOsOwned(pkg)) continue;
    if (resolvedOutsideRegistry(pkg)) continue;
    for (const matcher of matchers) {
      const query = matcher.query(pkg, sbom.distro);
      if (query) {
        planned.push({ pkg, query });
        break;
      }
    }
  }
  return planned;
}

const rowKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;

async function rowsFor(db: AdvisoryDb, planned: Planned[]): Promise<Map<string, AffectedRow[]>> {
  const names = new Map<string, Set<string>>();
  for (const entry of planned) {
    for (let query: PackageQuery | undefined = entry.query; query; query = query.fallback) {
      const set = names.get(query.namespace) ?? new Set();
      set.add(query.name);
      if (query.ownName) set.add(query.ownName);
      names.set(query.namespace, set);
    }
  }
  const rows = new Map<string, AffectedRow[]>();
  for (const [namespace, set] of names) {
    for (const row of await affectedFor(db, namespace, [...set])) {
      const key = rowKey(namespace, row.package);
      const list = rows.get(key);
      if (list) list.push(row);
      else rows.set(key, [row]);
    }
  }
  return rows;
}

/** Packages that share a lookup (the binary packages of one source package at one version) are judged once. */
interface Lookup {
  query: PackageQuery;
  packages: Package[];
}

function lookups(planned: Planned[]): Lookup[] {
  const byKey = new Map<string, Lookup>();
  for (const { pkg, query } of planned) {
    const key = lookupKey(query);
    const lookup = byKey.get(key);
    if (lookup) lookup.packages.push(pkg);
    else byKey.set(key, { query, packages: [pkg] });
  }
  return [...byKey.values()];
}

function lookupKey(query: PackageQuery): string {
  const own = [query.namespace, query.name, query.version, query.variant ?? '', query.ownName ?? ''].join('\u0000');
  return query.fallback ? `${own}\u0001${lookupKey(query.fallback)}` : own;
}

/**
 * The rows that decide a query, each with the version it is compared with: the query's
 * own, then its fallback's for the vulnerabilities the query's rows do not mention (a row
 * that says "not affected" mentions one too).
 */
function decidingRows(query: PackageQuery, rows: Map<string, AffectedRow[]>): { row: AffectedRow; version: string }[] {
  const own = candidateRows(query, rows).map((row) => ({ row, version: query.version }));
  if (!query.fallback) return own;
  const decided = new Set(own.map(({ row }) => row.vulnId));
  return [...own, ...decidingRows(query.fallback, rows).filter(({ row }) => !decided.has(row.vulnId))];
}

/** The rows that apply to a query: its own name's first, then the rest of those under `name`. */
function candidateRows(query: PackageQuery, rows: Map<string, AffectedRow[]>): AffectedRow[] {
  const applies = (row: AffectedRow) => !query.accepts || query.accepts(row);
  const under = (name: string) => (rows.get(rowKey(query.namespace, name)) ?? []).filter(applies);
  if (!query.ownName || query.ownName === query.name) return under(query.name);
  const own = under(query.ownName);
  const decided = new Set(own.map((row) => row.vulnId));
  return [...own, ...under(query.name).filter((row) => !decided.has(row.vulnId))];
}

export async function matchSbom(sbom: Sbom, db: AdvisoryDb, options: MatchOptions = {}): Promise<Finding[]> {
  const planned = planQueries(sbom, options.matchers, options.includeOsOwned);
  const rows = await rowsFor(db, planned);

  const hitsPerLookup: { lookup: Lookup; hits: Hit[] }[] = [];
  for (const lookup of lookups(planned)) {
    const hits: Hit[] = [];
    for (const { row, version } of decidingRows(lookup.query, rows)) {
      const hit = evaluateRow(row, version);
      if (hit) hits.push(hit);
    }
    if (hits.length > 0) hitsPerLookup.push({ lookup, hits });
  }

  const hitIds = [...new Set(hitsPerLookup.flatMap(({ hits }) => hits.map((h) => h.row.vulnId)))];
  const aliases = await aliasesFor(db, hitIds);
  const grouped: { lookup: Lookup; groups: HitGroup[] }[] = hitsPerLookup.map(({ lookup, hits }) => ({
    lookup,
    groups: groupHits(hits, aliases),
  }));
  const allIds = [...new Set(grouped.flatMap(({ groups }) => groups.flatMap((g) => [g.key, ...g.aliases])))];
  const enrichment = await loadEnrichment(db, allIds);

  const findings: Finding[] = [];
  for (const { lookup, groups } of grouped) {
    const refs = lookup.packages.map((pkg) => packageRef(pkg, lookup.query));
    for (const group of groups) {
      const body = findingBody(group, groupVerdict(group), enrichment);
      for (const ref of refs) findings.push(toFinding(ref, body));
    }
  }
  return findings.sort(compareFindings);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most severe first, then by package and id: the order every report shows. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    bandRank(a.severity.band) - bandRank(b.severity.band) ||
    byText(a.package.name, b.package.name) ||
    byText(a.package.version, b.package.version) ||
    byText(a.package.purl, b.package.purl) ||
    byText(a.vulnId, b.vulnId)
  );
}

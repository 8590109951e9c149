/**
 * What a verdict rests on: for each package source of the image (the distro's packages,
 * each language ecosystem), which advisory namespace it was matched against and whether
 * the database holds any data there. "No vulnerable package" over a namespace with no
 * records is no verdict at all, and reports must say so (issue 12).
 */
import type { AdvisoryDb } from '../db/open.js';
import { namespaceData } from '../db/namespace-coverage.js';
import type { Distro, Package, PackageType, Sbom } from '../sbom/model.js';
import { endOfLifeOf, type EndOfLife } from './end-of-life.js';
import type { Matcher } from './matcher.js';
import { isOsOwned, planQueries } from './match-sbom.js';
import { resolvedOutsideRegistry } from './non-registry.js';

/** Package types whose advisories only the distro publishes: without its data they are not assessed. */
export const OS_PACKAGE_TYPES: readonly PackageType[] = ['deb', 'apk', 'rpm'];

/**
 * - `assessed`: matched against a namespace the database has data for.
 * - `no_data`: matched against a namespace the database has no record of.
 * - `unmatched`: no matcher took the packages (unknown distro, release not identified).
 * - `os_owned`: language packages whose files an OS package owns, judged through that
 *   package's advisories instead of their ecosystem's (unless `--include-os-owned`).
 */
export type CoverageStatus = 'assessed' | 'no_data' | 'unmatched' | 'os_owned';

export interface CoverageEntry {
  packageType: PackageType;
  /** Whether these are the distro's own packages (deb, apk, rpm). */
  os: boolean;
  /** How many of the image's packages of this type this entry covers. */
  packages: number;
  /** The namespace they were looked up in (`alpine:3.19`, `PyPI`); absent when unmatched. */
  namespace?: string;
  status: CoverageStatus;
  /** Package states the database holds for the namespace (0 when `no_data` or `unmatched`). */
  records: number;
  /** The feeds those records came from. */
  sources: string[];
  /** Why the packages went unmatched. */
  reason?: string;
  /** The unmatched packages' names (the first 50). */
  unmatchedPackages?: string[];
  /** Other releases of the same distro the database does have data for, when this one has none. */
  availableReleases?: string[];
}

export interface Coverage {
  entries: CoverageEntry[];
  /** The distro release's end of life, when the database lists the release. */
  endOfLife?: EndOfLife;
}

const UNMATCHED_NAMES = 50;

/** Lockfile entries resolved from git, a URL, a path or a workspace (match/non-registry.ts). */
const NON_REGISTRY_REASON =
  "resolved from git, a tarball URL, a local path, a workspace or another registry instead of its ecosystem's registry: not assessed";

function unmatchedReason(type: PackageType, distro: Distro | undefined): string {
  if (!OS_PACKAGE_TYPES.includes(type)) return `no matcher handles ${type} packages`;
  if (!distro) return 'the distro could not be identified (no os-release)';
  return `no advisory data source for ${distroLabel(distro)}`;
}

export function distroLabel(distro: Distro): string {
  return [distro.id, distro.versionId ?? distro.codename].filter(Boolean).join(' ');
}

/** Other namespaces of the same distro (`alpine:3.20` for `alpine:3.19`) that have data. */
async function siblingReleases(db: AdvisoryDb, namespace: string): Promise<string[]> {
  const prefix = namespace.slice(0, namespace.indexOf(':') + 1);
  if (prefix === '') return [];
  const rows = await db
    .selectFrom('affected')
    .select('namespace')
    .distinct()
    .where('namespace', '>=', prefix)
    .where('namespace', '<', `${prefix.slice(0, -1)};`)
    .execute();
  return rows.map((r) => r.namespace.slice(prefix.length)).sort(byRelease);
}

/** `3.9` before `3.10`: releases compare by their numeric parts. */
function byRelease(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export async function coverageOf(
  sbom: Sbom,
  db: AdvisoryDb,
  now: Date,
  options: { matchers?: Matcher[]; includeOsOwned?: boolean } = {},
): Promise<Coverage> {
  const planned = planQueries(sbom, options.matchers, options.includeOsOwned);
  const queried = new Map<Package, string>(planned.map(({ pkg, query }) => [pkg, query.namespace]));
  const groups = new Map<
    string,
    { type: PackageType; namespace?: string; owned?: string; local: boolean; packages: Package[] }
  >();
  for (const pkg of sbom.packages) {
    const namespace = queried.get(pkg);
    const owned = !namespace && isOsOwned(pkg) ? pkg.ownedBy!.type : undefined;
    const local = !namespace && !owned && resolvedOutsideRegistry(pkg) !== undefined;
    const key = `${pkg.type}\u0000${namespace ?? ''}\u0000${owned ?? ''}\u0000${local ? 'local' : ''}`;
    const group = groups.get(key) ?? { type: pkg.type, namespace, owned, local, packages: [] };
    group.packages.push(pkg);
    groups.set(key, group);
  }
  const namespaces = [...new Set([...groups.values()].flatMap((g) => (g.namespace ? [g.namespace] : [])))];
  const data = new Map((await namespaceData(db, namespaces)).map((d) => [d.namespace, d]));

  const entries: CoverageEntry[] = [];
  for (const group of groups.values()) {
    const os = OS_PACKAGE_TYPES.includes(group.type);
    const base = { packageType: group.type, os, packages: group.packages.length };
    if (!group.namespace && group.owned) {
      entries.push({
        ...base,
        status: 'os_owned',
        records: 0,
        sources: [],
        reason: `their files belong to ${group.owned} packages, matched through those`,
      });
      continue;
    }
    if (!group.namespace) {
      const names = [...new Set(group.packages.map((p) => p.name))].sort();
      entries.push({
        ...base,
        status: 'unmatched',
        records: 0,
        sources: [],
        reason: group.local ? NON_REGISTRY_REASON : unmatchedReason(group.type, sbom.distro),
        unmatchedPackages: names.slice(0, UNMATCHED_NAMES),
      });
      continue;
    }
    const held = data.get(group.namespace)!;
    const entry: CoverageEntry = {
      ...base,
      namespace: group.namespace,
      status: held.records > 0 ? 'assessed' : 'no_data',
      records: held.records,
      sources: held.sources,
    };
    if (entry.status === 'no_data' && os) entry.availableReleases = await siblingReleases(db, group.namespace);
    entries.push(entry);
  }
  entries.sort(
    (a, b) =>
      Number(b.os) - Number(a.os) ||
      a.packageType.localeCompare(b.packageType) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? ''),
  );
  const endOfLife = await endOfLifeOf(db, sbom.distro, now);
  return { entries, ...(endOfLife ? { endOfLife } : {}) };
}

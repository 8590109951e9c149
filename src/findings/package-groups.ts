/**
 * Reports group findings the way `docker scout cves` does
 * (https://docs.docker.com/reference/cli/docker/scout/cves/): an OS package by its source package and
 * version (libc6, libc-bin and libc-l10n are one glibc, fixed by one update), a language
 * package by itself. A vulnerability counts once per group.
 */
import { PackageURL } from 'packageurl-js';
import type { Finding, PackageRef } from '../match/types.js';
import { countGroups } from './counts.js';
import { groupKey } from './group-key.js';
import type { SeverityCounts } from './model.js';

export interface PackageGroup {
  key: string;
  type: PackageRef['type'];
  name: string;
  version: string;
  /** A purl for the group: the source package's for OS packages, the package's own otherwise. */
  purl: string;
  /** The installed packages of the group (binary names), when they differ from the group name. */
  installedAs: string[];
  findings: Finding[];
  counts: SeverityCounts;
}

export { groupKey } from './group-key.js';

const OS_TYPES = new Set(['deb', 'apk', 'rpm']);

/** `pkg:deb/debian/glibc@2.36-9+deb12u14?distro=debian-12` from a binary package's purl. */
function groupPurl(ref: PackageRef): string {
  if (!OS_TYPES.has(ref.type)) return ref.purl;
  try {
    const purl = PackageURL.fromString(ref.purl);
    const distro = purl.qualifiers?.distro;
    return new PackageURL(
      purl.type,
      purl.namespace,
      ref.sourceName ?? ref.name,
      ref.sourceVersion ?? ref.version,
      distro ? { distro } : undefined,
    ).toString();
  } catch {
    return ref.purl;
  }
}

/** Groups in the order of their findings (most severe first, as findings are sorted). */
export function packageGroups(findings: Finding[]): PackageGroup[] {
  const groups = new Map<string, PackageGroup>();
  for (const f of findings) {
    const key = groupKey(f.package);
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        type: f.package.type,
        name: f.package.sourceName ?? f.package.name,
        version: f.package.sourceVersion ?? f.package.version,
        purl: groupPurl(f.package),
        installedAs: [],
        findings: [],
        counts: { critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 },
      };
      groups.set(key, group);
    }
    if (f.package.name !== group.name && !group.installedAs.includes(f.package.name))
      group.installedAs.push(f.package.name);
    group.findings.push(f);
  }
  for (const group of groups.values()) {
    group.counts = countGroups(group.findings);
    group.installedAs.sort();
  }
  return [...groups.values()].sort(compareGroups);
}

const BANDS = ['critical', 'high', 'medium', 'low', 'unspecified'] as const;

/** Most critical first, then most high …, then by name: `docker scout cves`'s package order. */
function compareGroups(a: PackageGroup, b: PackageGroup): number {
  for (const band of BANDS) if (a.counts[band] !== b.counts[band]) return b.counts[band] - a.counts[band];
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

/** One finding per (vulnerability, group): the first seen (most severe, by sort order). */
export function distinctPerGroup(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.vulnId}\u0000${groupKey(f.package)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

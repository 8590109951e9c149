/**
 * Whether one advisory row affects one installed version. Distro rows carry a status and
 * at most one fixed version (the tracker's model); OSV rows carry ranges and version
 * lists. Either way `not_affected` yields nothing, and a fixed version at or below the
 * installed one yields nothing.
 */
import type { AffectedRow } from '../db/queries.js';
import { comparatorFor, schemeForNamespace, type VersionComparator } from '../versions/index.js';
import { listedVersion, rangeVerdict } from './osv-range.js';
import type { FindingStatus } from './types.js';

export interface Hit {
  row: AffectedRow;
  status: FindingStatus;
  fixedVersion?: string;
}

const comparators = new Map<string, VersionComparator>();

/** The comparator for versions in a namespace (and OSV range type), cached: matching asks for it per row. */
export function comparatorIn(namespace: string, rangeType?: 'ECOSYSTEM' | 'SEMVER' | 'GIT'): VersionComparator {
  const type = rangeType === 'SEMVER' ? 'SEMVER' : 'ECOSYSTEM';
  const key = `${namespace}\u0000${type}`;
  let cmp = comparators.get(key);
  if (!cmp) {
    cmp = comparatorFor(schemeForNamespace(namespace, type));
    comparators.set(key, cmp);
  }
  return cmp;
}

export function evaluateRow(row: AffectedRow, version: string): Hit | undefined {
  if (row.status === 'not_affected') return undefined;
  if (row.ranges.length > 0 || row.versions.length > 0) return evaluateOsv(row, version);
  if (row.status === 'fixed') {
    // A "fixed" with no version cannot be placed against the installed one: no claim either way.
    if (!row.fixedVersion) return undefined;
    return comparatorIn(row.namespace).compare(version, row.fixedVersion) < 0
      ? { row, status: 'fixed', fixedVersion: row.fixedVersion }
      : undefined;
  }
  // Not fixed in this release, but a fixed version exists elsewhere (unstable): at or above it the package is not affected.
  if (row.fixedVersion && comparatorIn(row.namespace).compare(version, row.fixedVersion) >= 0) return undefined;
  return { row, status: row.status as FindingStatus };
}

function evaluateOsv(row: AffectedRow, version: string): Hit | undefined {
  let affected = false;
  let fixed: string | undefined;
  for (const range of row.ranges) {
    const verdict = rangeVerdict(version, range, comparatorIn(row.namespace, range.type));
    if (verdict.affected) {
      affected = true;
      fixed ??= verdict.fixed;
    }
  }
  // With ranges present the list is their expansion (osv.dev fills it in): a text match is
  // enough, and comparing each of hundreds of listed versions in the scheme's order is not.
  if (!affected && listedVersion(version, row.versions, comparatorIn(row.namespace), row.ranges.length === 0)) {
    affected = true;
    // A listed version has no range of its own: the row's single fix applies when it is above.
    if (row.fixedVersion && comparatorIn(row.namespace).compare(version, row.fixedVersion) < 0)
      fixed = row.fixedVersion;
  }
  if (!affected) return undefined;
  if (fixed) return { row, status: 'fixed', fixedVersion: fixed };
  // Fixed on another branch but not on the installed one: for this version there is no fix yet.
  return { row, status: row.status === 'fixed' ? 'no_fix_yet' : (row.status as FindingStatus) };
}

/**
 * Semantic Versioning 2.0 order with npm's rules (the `semver` package, loose parsing):
 * prereleases sort before their release, build metadata is ignored. Used for npm, crates.io
 * and OSV `SEMVER` ranges.
 */
import semver from 'semver';
import { compare as compareGeneric } from './generic.js';

const LOOSE = { loose: true } as const;

/**
 * A SemVer for strings npm itself would not accept but that carry a usable version:
 * `1.2` (→ 1.2.0), `v1.2.3-rc1+build` (prerelease kept). Returns null when nothing numeric is there.
 */
export function semverCoerceForCompare(version: string): semver.SemVer | null {
  const parsed = semver.parse(version.trim(), LOOSE);
  if (parsed) return parsed;
  return semver.coerce(version, { includePrerelease: true });
}

export function compare(a: string, b: string): number {
  const va = semverCoerceForCompare(a);
  const vb = semverCoerceForCompare(b);
  if (va && vb) return semver.compare(va, vb);
  // Neither npm nor coercion understands one side: keep a stable, natural order rather than throw.
  return compareGeneric(a, b);
}

/** What npm accepts as a version (loose: leading `v`/`=`, surrounding spaces). */
export function isValid(version: string): boolean {
  return semver.valid(version, LOOSE) !== null;
}

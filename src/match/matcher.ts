/**
 * A matcher says, for one SBOM package, where its advisories live and which name and
 * version to compare. Deciding a row is the same for every ecosystem (row-verdict.ts);
 * what differs is the lookup: Debian by source package and release codename, Alpine by
 * origin and branch, language ecosystems by their OSV name.
 */
import type { Distro, Package } from '../sbom/model.js';

export interface PackageQuery {
  /** Advisory namespace: `debian:bookworm`, `alpine:3.20`, `npm`, `PyPI` … */
  namespace: string;
  /** The package name as that namespace spells it. */
  name: string;
  /** The version compared against the advisory data. */
  version: string;
}

export interface Matcher {
  readonly name: string;
  /** What to look up for this package; undefined when the matcher does not handle it. */
  query(pkg: Package, distro: Distro | undefined): PackageQuery | undefined;
}

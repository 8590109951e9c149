/**
 * A matcher says, for one SBOM package, where its advisories live and which name and
 * version to compare. Deciding a row is the same for every ecosystem (row-verdict.ts);
 * what differs is the lookup: Debian by source package and release codename, Alpine by
 * origin and branch, language ecosystems by their OSV name.
 */
import type { AffectedRow } from '../db/queries.js';
import type { Distro, Package } from '../sbom/model.js';

export interface PackageQuery {
  /** Advisory namespace: `debian:bookworm`, `alpine:3.20`, `npm`, `PyPI` … */
  namespace: string;
  /** The package name as that namespace spells it. */
  name: string;
  /** The version compared against the advisory data. */
  version: string;
  /**
   * Which rows of the namespace apply to this package, when not all do (Red Hat keeps
   * extended-support streams and module streams under one release). Packages whose
   * queries share namespace, name, version and `variant` share one row filter.
   */
  accepts?: (row: AffectedRow) => boolean;
  /**
   * The binary package's own name, when its rows overrule those of `name` for the
   * vulnerabilities they cover: Red Hat judges some binaries of a source apart (bind-chroot
   * not affected by a flaw its source bind is fixed for).
   */
  ownName?: string;
  /** Tells apart queries with the same name and version that `accepts` judges differently. */
  variant?: string;
  /**
   * Where to look when this query's namespace says nothing about a vulnerability: a
   * RHEL rebuild's own advisories decide the CVEs they name, Red Hat's data the rest. The
   * fallback's rows are read for every vulnerability the primary rows do not mention.
   */
  fallback?: PackageQuery;
}

export interface Matcher {
  readonly name: string;
  /** What to look up for this package; undefined when the matcher does not handle it. */
  query(pkg: Package, distro: Distro | undefined): PackageQuery | undefined;
}

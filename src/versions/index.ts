/**
 * Version comparators, one per version scheme, and the mapping from an advisory namespace
 * (OSV ecosystem or distro release) to its scheme. Every `compare` is total: it never throws,
 * returns -1, 0 or 1, and gives strings its scheme cannot parse a stable place in the order;
 * callers that must not guess check `isValid` first.
 */
import { type ECOSYSTEMS, LANGUAGE_ECOSYSTEMS } from '../ecosystems/table.js';
import * as apk from './apk.js';
import * as apk2 from './apk2.js';
import * as composer from './composer.js';
import * as dpkg from './dpkg.js';
import * as generic from './generic.js';
import * as go from './go.js';
import * as maven from './maven.js';
import * as nuget from './nuget.js';
import * as pep440 from './pep440.js';
import * as rpm from './rpm.js';
import * as rubygems from './rubygems.js';
import * as semver from './semver.js';

export type VersionScheme =
  | 'dpkg'
  | 'apk'
  | 'apk2'
  | 'rpm'
  | 'semver'
  | 'pep440'
  | 'maven'
  | 'go'
  | 'rubygems'
  | 'nuget'
  | 'composer'
  | 'generic';

export interface VersionComparator {
  readonly scheme: VersionScheme;
  /** -1 if a < b, 0 if equal in this scheme's order, 1 if a > b. */
  compare(a: string, b: string): number;
  isValid(version: string): boolean;
}

const MODULES: Record<VersionScheme, Pick<VersionComparator, 'compare' | 'isValid'>> = {
  dpkg,
  apk,
  apk2,
  rpm,
  semver,
  pep440,
  maven,
  go,
  rubygems,
  nuget,
  composer,
  generic,
};

// Every scheme the ecosystem table names is one of ours (checked when the table changes).
type TableScheme = Extract<(typeof ECOSYSTEMS)[number], { scheme: string }>['scheme'];
const _tableSchemesExist: Record<TableScheme, true> = Object.fromEntries(
  Object.keys(MODULES).map((k) => [k, true]),
) as Record<VersionScheme, true>;
void _tableSchemesExist;

export function comparatorFor(scheme: VersionScheme): VersionComparator {
  const m = MODULES[scheme];
  return {
    scheme,
    compare: (a, b) => Math.sign(m.compare(a, b)) || 0,
    isValid: (v) => m.isValid(v),
  };
}

/** Distro namespaces (`debian:bookworm`) by the part before the first `:`. */
const DISTRO_SCHEMES: Record<string, VersionScheme> = {
  debian: 'dpkg',
  ubuntu: 'dpkg',
  alpine: 'apk',
  wolfi: 'apk',
  chainguard: 'apk',
  minimos: 'apk',
  redhat: 'rpm',
  rhel: 'rpm',
  centos: 'rpm',
  rocky: 'rpm',
  almalinux: 'rpm',
  fedora: 'rpm',
  amazon: 'rpm',
  oracle: 'rpm',
  opensuse: 'rpm',
  suse: 'rpm',
  mariner: 'rpm',
  azurelinux: 'rpm',
  sles: 'rpm',
  'opensuse-leap': 'rpm',
  photon: 'rpm',
};

/**
 * OSV ecosystem names, compared case-insensitively (feeds are not consistent about `PyPI`/`pypi`):
 * those of the ecosystem table, plus OSV ecosystems airlock has no cataloger for yet, so
 * their ranges still compare in their own order.
 */
const ECOSYSTEM_SCHEMES: Record<string, VersionScheme> = {
  ...Object.fromEntries(LANGUAGE_ECOSYSTEMS.map((e) => [e.osv!.toLowerCase(), e.scheme as VersionScheme])),
  hex: 'semver',
  swifturl: 'semver',
};

/**
 * Alpine branches up to 3.22 shipped apk-tools 2, whose version order differs from apk-tools
 * 3's in corner cases (versions/apk2.ts); 3.23.0 was the first with apk-tools 3. A branch's
 * packages and secdb were written for its own apk, so each is compared in that order;
 * `edge` and unknown releases get apk-tools 3's.
 */
function writtenByApkTools2(namespace: string): boolean {
  const m = /^alpine:v?(\d+)\.(\d+)/.exec(namespace);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 3 || (major === 3 && minor <= 22);
}

/**
 * The scheme for versions in a namespace. An OSV `SEMVER` range is SemVer whatever the
 * ecosystem (OSV says so; Go keeps its own SemVer comparator); otherwise the ecosystem or distro decides, and anything unknown
 * gets the generic natural order.
 */
export function schemeForNamespace(namespace: string, rangeType?: 'ECOSYSTEM' | 'SEMVER'): VersionScheme {
  const lower = namespace.trim().toLowerCase();
  // Go's SEMVER ranges stay with the Go comparator: same SemVer order, but it also reads
  // toolchain versions (`go1.22rc1`) that generic SemVer coercion would misread as 1.22.0.
  if (lower === 'go') return 'go';
  if (rangeType === 'SEMVER') return 'semver';
  if (Object.hasOwn(ECOSYSTEM_SCHEMES, lower)) return ECOSYSTEM_SCHEMES[lower];
  // OSV ecosystems with a release suffix (`Debian:12`, `Alpine:v3.20`, `Ubuntu:22.04:LTS`) and airlock's own `distro:release`.
  const family = lower.split(':')[0];
  if (family === 'alpine' && writtenByApkTools2(lower)) return 'apk2';
  return Object.hasOwn(DISTRO_SCHEMES, family) ? DISTRO_SCHEMES[family] : 'generic';
}

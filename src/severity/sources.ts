/**
 * Which rater is preferred for which package, and the order of the CVSS fallback.
 * The preferred advisory is the one closest to the package as installed: the distro's
 * own security tracker for OS packages (it rates the flaw as built and configured in
 * that release), GitHub's reviewed advisory for language packages. The fallback is only
 * ever a CVSS score: NVD's own analysis first, then the CVE's CNA, then CISA's ADP
 * enrichment, then any other database that published a vector.
 */
import type { SeverityRecord } from '../advisories/model.js';

/** Raters whose word is about their own builds: never a CVSS fallback for another distro's package. */
const DISTRO_RATERS = new Set([
  'debian',
  'ubuntu',
  'alpine',
  'amazon',
  'oracle',
  'suse',
  'mariner',
  'azurelinux',
  'photon',
]);
/** Namespace family → the distro's own rater, for the rpm distros with data of their own. */
const RPM_DISTRO_RATERS: Record<string, string> = {
  amazon: 'amazon',
  oracle: 'oracle',
  sles: 'suse',
  'opensuse-leap': 'suse',
  mariner: 'mariner',
  azurelinux: 'azurelinux',
  photon: 'photon',
};
/** Databases that aggregate rather than author a CVE's score. */
const AGGREGATORS = new Set(['ghsa', 'osv']);

/** The preferred raters for packages matched in `namespace` (`debian:bookworm`, `npm`, …). */
export function preferredRaters(namespace: string): string[] {
  const family = namespace.includes(':') ? namespace.split(':')[0].toLowerCase() : undefined;
  if (family === 'debian' || family === 'ubuntu' || family === 'alpine') return [family];
  // Red Hat rates as a distro (CSAF `threats[].impact`) and as the CNA of its own CVEs: one name.
  // AlmaLinux and Rocky Linux rebuild Red Hat's sources and republish its impact ratings.
  if (family === 'redhat' || family === 'almalinux' || family === 'rocky') return ['redhat'];
  if (family && Object.hasOwn(RPM_DISTRO_RATERS, family)) return [RPM_DISTRO_RATERS[family]];
  return ['ghsa'];
}

/** 0 = NVD, 1 = the CNA, 2 = CISA ADP, 3 = other databases; undefined = never a fallback. */
export function fallbackRank(source: string): number | undefined {
  if (DISTRO_RATERS.has(source)) return undefined;
  if (source === 'nvd') return 0;
  if (source === 'cisa-adp') return 2;
  if (AGGREGATORS.has(source)) return 3;
  return 1;
}

const VERSION_PREFERENCE: Record<string, number> = { '3.1': 0, '3.0': 1, '4.0': 2, '2.0': 3 };

/**
 * The CVSS score to show from a list of one rater's records: v3.1 before v3.0, then v4.0
 * (scored differently, so second choice for v3 bands), then v2.
 */
export function bestScored(records: SeverityRecord[]): (SeverityRecord & { score: number }) | undefined {
  const scored = records.filter((r): r is SeverityRecord & { score: number } => typeof r.score === 'number');
  scored.sort(
    (a, b) => (VERSION_PREFERENCE[a.cvssVersion ?? ''] ?? 9) - (VERSION_PREFERENCE[b.cvssVersion ?? ''] ?? 9),
  );
  return scored[0];
}

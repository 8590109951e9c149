/** The words a table shows for one finding: fix state, EPSS, KEV. */
import type { Finding } from '../../match/types.js';

export function fixText(f: Finding): string {
  switch (f.status) {
    case 'fixed':
      return f.fixedVersion ?? 'fixed';
    case 'no_fix_yet':
      return 'not fixed';
    case 'will_not_fix':
      return 'will not fix';
    case 'end_of_life':
      return 'end of life (no fix will come)';
    case 'unknown':
      return 'not triaged yet';
  }
}

/** `0.04% (percentile 11%, 2026-09-29)` */
export function epssText(f: Finding): string | undefined {
  if (!f.epss) return undefined;
  const pct = (n: number) => `${(n * 100).toFixed(n * 100 >= 10 ? 0 : 2)}%`;
  return `${pct(f.epss.epss)} (percentile ${pct(f.epss.percentile)}${f.epss.date ? `, ${f.epss.date.slice(0, 10)}` : ''})`;
}

/** `known exploited (CISA KEV, added 2023-10-10, due 2023-10-31)` */
export function kevText(f: Finding): string | undefined {
  if (!f.kev) return undefined;
  return `known exploited (CISA KEV, added ${f.kev.dateAdded}${f.kev.dueDate ? `, due ${f.kev.dueDate}` : ''})`;
}

/**
 * The page that describes the vulnerability for this package best: the distro's tracker
 * page for OS packages, the GitHub / Go advisory for language packages, else NVD's page
 * of the CVE, else the first reference the feeds gave.
 */
export function primaryLink(f: Finding): string | undefined {
  const family = f.namespace.split(':')[0];
  const cve = f.vulnId.startsWith('CVE-') ? f.vulnId : undefined;
  if (cve && family === 'debian') return `https://security-tracker.debian.org/tracker/${cve}`;
  if (cve && family === 'ubuntu') return `https://ubuntu.com/security/${cve}`;
  if (cve && family === 'alpine') return `https://security.alpinelinux.org/vuln/${cve}`;
  const ids = [f.vulnId, ...f.aliases];
  const ghsa = ids.find((id) => id.startsWith('GHSA-'));
  if (ghsa) return `https://github.com/advisories/${ghsa}`;
  const go = ids.find((id) => id.startsWith('GO-'));
  if (go) return `https://pkg.go.dev/vuln/${go}`;
  if (cve) return `https://nvd.nist.gov/vuln/detail/${cve}`;
  return f.references[0];
}

const REBUILDS: Record<string, string> = { almalinux: 'AlmaLinux', rocky: 'Rocky Linux' };

/**
 * For an AlmaLinux or Rocky Linux rpm, which data decided the finding: the rebuild's own
 * advisory, or Red Hat's, which speaks for the CVEs the rebuild publishes nothing about.
 */
export function decidedByText(f: Finding): string | undefined {
  const distro = /^pkg:rpm\/([^/]+)\//.exec(f.package.purl)?.[1];
  if (!distro || !Object.hasOwn(REBUILDS, distro)) return undefined;
  if (f.namespace.split(':')[0] === distro) return `${REBUILDS[distro]}'s own advisory (${f.source}, ${f.namespace})`;
  return `Red Hat's data (${f.source}, ${f.namespace}); no ${REBUILDS[distro]} advisory names it`;
}

import type { Package } from '../sbom/model.js';

/**
 * A language package its lockfile resolved from somewhere other than its ecosystem's
 * registry (git, a tarball URL, a local path, a link, a workspace member; see
 * catalogers/common/outside-registry.ts). Its version is whatever its own manifest claims,
 * so the registry's advisories are not about it: it is not matched, and its coverage says
 * why. Known by the cataloger's `resolvedFrom`, or, in an SBOM read from a file that lost
 * it, by the purl qualifiers that point at a repository or a download.
 */
export function resolvedOutsideRegistry(pkg: Package): string | undefined {
  const from = pkg.metadata?.resolvedFrom;
  if (typeof from === 'string' && from !== '') return from;
  // OS packages come from their distro's repositories, which are the advisories' own.
  if (pkg.type === 'deb' || pkg.type === 'rpm' || pkg.type === 'apk') return undefined;
  const qualifiers = pkg.purl.indexOf('?');
  if (qualifiers === -1) return undefined;
  const query = pkg.purl.slice(qualifiers + 1);
  if (/(?:^|&)vcs_url=/.test(query)) return 'git';
  if (/(?:^|&)download_url=/.test(query)) return 'tarball';
  return undefined;
}

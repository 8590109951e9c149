/**
 * Debian: advisories are per source package and release (`debian:bookworm`), so a binary
 * package is looked up by its `Source:` and compared with the source version (binNMUs
 * such as bash 5.2.15-2+b13 come from source 5.2.15-2; bsdutils 1:2.38.1-… from
 * util-linux 2.38.1-…). The release is the os-release codename, or derived from
 * VERSION_ID when an image leaves the codename out.
 */
import { debianCodenameForVersion } from '../../feeds/debian-lists/releases.js';
import type { Distro } from '../../sbom/model.js';
import type { Matcher } from '../matcher.js';

export function debianCodename(distro: Distro): string | undefined {
  if (distro.codename) return distro.codename.toLowerCase();
  return distro.versionId ? debianCodenameForVersion(distro.versionId) : undefined;
}

export const debianMatcher: Matcher = {
  name: 'debian',
  query(pkg, distro) {
    if (pkg.type !== 'deb' || distro?.id !== 'debian') return undefined;
    const codename = debianCodename(distro);
    if (!codename) return undefined;
    return {
      namespace: `debian:${codename}`,
      name: pkg.sourceName ?? pkg.name,
      version: pkg.sourceVersion ?? pkg.version,
    };
  },
};

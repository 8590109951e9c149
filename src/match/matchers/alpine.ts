/**
 * Alpine: secdb lists fixes per origin (aport) name and branch (`alpine:3.20` for
 * VERSION_ID 3.20.3). Subpackages (libcrypto3, libssl3) share their origin's fixes and
 * version, so the origin is looked up with the package's own version.
 */
import type { Matcher } from '../matcher.js';

export const alpineMatcher: Matcher = {
  name: 'alpine',
  query(pkg, distro) {
    if (pkg.type !== 'apk' || distro?.id !== 'alpine') return undefined;
    const branch = /^\d+\.\d+/.exec(distro.versionId ?? '')?.[0];
    if (!branch) return undefined;
    return { namespace: `alpine:${branch}`, name: pkg.sourceName ?? pkg.name, version: pkg.version };
  },
};

/**
 * Ubuntu: like Debian, per source package, in the release named by VERSION_ID
 * (`ubuntu:22.04`, the namespace Ubuntu's OSV records map to).
 */
import type { Matcher } from '../matcher.js';

export const ubuntuMatcher: Matcher = {
  name: 'ubuntu',
  query(pkg, distro) {
    if (pkg.type !== 'deb' || distro?.id !== 'ubuntu') return undefined;
    const release = /^\d+\.\d+/.exec(distro.versionId ?? '')?.[0];
    if (!release) return undefined;
    return {
      namespace: `ubuntu:${release}`,
      name: pkg.sourceName ?? pkg.name,
      version: pkg.sourceVersion ?? pkg.version,
    };
  },
};

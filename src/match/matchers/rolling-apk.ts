/**
 * Wolfi, Chainguard and MinimOS: rolling apk distributions, one release each, so one
 * namespace each (`wolfi:rolling` for os-release ID=wolfi, `chainguard:rolling`,
 * `minimos:rolling`) whatever VERSION_ID says (Wolfi's is a build date). Looked up by
 * origin package, as Alpine: a subpackage (libcrypto3) carries its origin's (openssl)
 * version and fixes; compared in apk's order.
 *
 * The rows come from the distribution's secdb and, for Wolfi and Chainguard, Chainguard's
 * OSV. Secdb rows are "fixed in X" statements: below X the package is affected by that
 * CVE, at or above X it is not, "0" means never affected — and a CVE the secdb does not
 * name for the package is not a match. Nothing else is consulted for these packages (no
 * CPE or upstream-version guess), so a verdict never rests on data the distribution did
 * not publish.
 */
import type { Matcher } from '../matcher.js';

const ROLLING_APK = new Set(['wolfi', 'chainguard', 'minimos']);

export const rollingApkMatcher: Matcher = {
  name: 'rolling-apk',
  query(pkg, distro) {
    if (pkg.type !== 'apk' || !distro || !ROLLING_APK.has(distro.id)) return undefined;
    return { namespace: `${distro.id}:rolling`, name: pkg.sourceName ?? pkg.name, version: pkg.version };
  },
};

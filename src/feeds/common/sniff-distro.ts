/**
 * Document formats of distributions that publish in a shape another reader also fits:
 * OSV records of AlmaLinux, Rocky Linux and Chainguard (read by their own importers, so
 * each is a source of its own in the bundle and in `db status`), the rolling apk secdb
 * of Wolfi, Chainguard and MinimOS (Alpine's shape without a `distroversion`), and Red
 * Hat's per-CVE JSON (`csaf/hydra/cve-*.json`). Checked before the generic OSV test.
 */
import type { JsonObject } from './values.js';

export type DistroFeedFormat = 'almalinux-osv' | 'rocky-osv' | 'chainguard-osv' | 'rolling-secdb' | 'redhat-cve-json';

/** Advisory id prefixes: security, bug-fix and enhancement advisories of each publisher. */
const OSV_ID_PREFIXES: [RegExp, DistroFeedFormat][] = [
  [/^AL[SBE]A-\d{4}:\d+$/, 'almalinux-osv'],
  [/^RL[SBE]A-\d{4}:\d+$/, 'rocky-osv'],
  [/^CGA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/, 'chainguard-osv'],
];

export function distroFormatOfDocument(doc: JsonObject): DistroFeedFormat | undefined {
  if (typeof doc.id === 'string' && typeof doc.modified === 'string') {
    return OSV_ID_PREFIXES.find(([pattern]) => pattern.test(doc.id as string))?.[1];
  }
  if (typeof doc.apkurl === 'string' && Array.isArray(doc.packages) && doc.distroversion === undefined)
    return 'rolling-secdb';
  if (
    typeof doc.name === 'string' &&
    /^CVE-\d{4}-\d+$/.test(doc.name) &&
    ('affected_release' in doc || 'package_state' in doc)
  )
    return 'redhat-cve-json';
  return undefined;
}

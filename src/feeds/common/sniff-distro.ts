/**
 * Document formats of distributions that publish in a shape another reader also fits:
 * OSV records of AlmaLinux, Rocky Linux and Chainguard (read by their own importers, so
 * each is a source of its own in the bundle and in `db status`), the rolling apk secdb
 * of Wolfi, Chainguard and MinimOS (Alpine's shape without a `distroversion`), and Red
 * Hat's per-CVE JSON (`csaf/hydra/cve-*.json`). Checked before the generic OSV test.
 *
 * Lists, which no OSV record is: Photon's `cve_data_photon<release>.json` (read by its own
 * importer), and two listings published beside advisory data that are not advisories —
 * an OSV index (`all.json`: `[{id, modified}]`, Chainguard publishes one beside its
 * records) and a page of Red Hat's CVE list API (`[{CVE, severity, resource_url, …}]`).
 * Named so the OSV importer, which walks whole folders, passes over them without a warning.
 */
import { isObject, type JsonObject } from './values.js';

export type DistroFeedFormat =
  | 'almalinux-osv'
  | 'rocky-osv'
  | 'chainguard-osv'
  | 'rolling-secdb'
  | 'redhat-cve-json'
  | 'photon-cve'
  | 'osv-index'
  | 'redhat-cve-list';

/** Elements looked at to name a list: enough to tell, few enough to stay cheap on a long one. */
const LIST_SAMPLE = 8;

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

/** The format of a JSON list, when every one of its first elements has the shape of one we know. */
export function distroFormatOfList(doc: unknown[]): DistroFeedFormat | undefined {
  const sample = doc.slice(0, LIST_SAMPLE);
  if (sample.length === 0 || !sample.every(isObject)) return undefined;
  const all = (test: (item: JsonObject) => boolean) => (sample as JsonObject[]).every(test);
  if (all((item) => typeof item.cve_id === 'string' && typeof item.pkg === 'string')) return 'photon-cve';
  if (all((item) => typeof item.CVE === 'string' && typeof item.resource_url === 'string')) return 'redhat-cve-list';
  const indexKeys = new Set(['id', 'modified']);
  if (
    all(
      (item) =>
        typeof item.id === 'string' &&
        typeof item.modified === 'string' &&
        Object.keys(item).every((key) => indexKeys.has(key)),
    )
  )
    return 'osv-index';
  return undefined;
}

/**
 * `pubspec.lock`, written by `dart pub get` beside an application's pubspec.yaml: one entry
 * per package under `packages:`, with its `source` (hosted on pub.dev or a mirror, git,
 * path, or the SDK) and its resolved `version`. Read with YAML's failsafe schema so a
 * version like `1.10` stays the string it is.
 */
import { parse } from 'yaml';
import type { DependencySource } from '../common/outside-registry.js';

export interface PubPackage {
  name: string;
  version: string;
  /** `hosted`, `git` or `path` (SDK packages ship with the SDK and are left out). */
  source: string;
  /** `direct main`, `direct dev`, `transitive` … */
  dependency?: string;
  /** Where a `git` or `path` package came from: not pub.dev's (see `originOf`). */
  origin?: DependencySource;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws when the file is not a lockfile; entries without a version are skipped. */
export function parsePubspecLock(text: string): PubPackage[] {
  const doc: unknown = parse(text, { schema: 'failsafe', maxAliasCount: 0, logLevel: 'error' });
  if (!isObject(doc) || !isObject(doc.packages)) throw new Error('has no "packages" map');
  const out: PubPackage[] = [];
  for (const [key, entry] of Object.entries(doc.packages)) {
    if (!isObject(entry) || typeof entry.version !== 'string' || entry.version === '') continue;
    const source = typeof entry.source === 'string' ? entry.source : 'hosted';
    if (source === 'sdk') continue;
    // A hosted package may be published under another name than its key (description.name).
    const named =
      isObject(entry.description) && typeof entry.description.name === 'string' ? entry.description.name : key;
    const origin = originOf(source, isObject(entry.description) ? entry.description : {});
    out.push({
      name: named,
      version: entry.version,
      source,
      ...(typeof entry.dependency === 'string' ? { dependency: entry.dependency } : {}),
      ...(origin ? { origin } : {}),
    });
  }
  return out;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * A `git` package is a checkout (`url`, the commit in `resolved-ref`) and a `path` package
 * a local directory: neither is a pub.dev release, so pub advisories do not apply. A `hosted` package is matched whatever its `url`: mirrors
 * of pub.dev (pub.flutter-io.cn, university mirrors) record their own URL, and pub has no
 * way to tell a mirror from another server.
 */
function originOf(source: string, description: Record<string, unknown>): DependencySource | undefined {
  if (source === 'git') {
    const commit = text(description['resolved-ref']) || text(description.ref);
    return { kind: 'git', ref: `${text(description.url) || '(no url recorded)'}${commit ? `#${commit}` : ''}` };
  }
  if (source === 'path') return { kind: 'file', ref: text(description.path) || '(no path recorded)' };
  return undefined;
}

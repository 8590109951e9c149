import type { DependencySource } from '../common/outside-registry.js';

/** One package Composer installed into vendor/. */
export interface ComposerPackage {
  name: string;
  version: string;
  licenses: string[];
  /** Listed in `dev-package-names` (Composer 2): installed by `composer install` without `--no-dev`. */
  dev: boolean;
  /** Where it came from when not a Composer registry (see `sourceOfEntry`). */
  origin?: DependencySource;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `vendor/composer/installed.json`: Composer 1 writes an array of packages,
 * Composer 2 an object `{ "packages": [...], "dev": bool, "dev-package-names": [...] }`.
 * Entries without a `vendor/name` name or a version are skipped. Throws when the file
 * is neither shape.
 */
export function parseInstalledJson(text: string): ComposerPackage[] {
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  let entries: unknown[];
  let devNames = new Set<string>();
  if (Array.isArray(json)) entries = json;
  else if (isObject(json) && Array.isArray(json.packages)) {
    entries = json.packages;
    if (Array.isArray(json['dev-package-names']))
      devNames = new Set(json['dev-package-names'].filter((n): n is string => typeof n === 'string'));
  } else throw new Error('neither a package array (Composer 1) nor an object with "packages" (Composer 2)');

  const out: ComposerPackage[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const { name, version } = entry;
    if (typeof name !== 'string' || !name.includes('/') || typeof version !== 'string' || version === '') continue;
    const origin = sourceOfEntry(entry);
    out.push({
      name,
      version,
      licenses: licensesOf(entry.license),
      dev: devNames.has(name),
      ...(origin ? { origin } : {}),
    });
  }
  return out;
}

const VCS_TYPES = new Set(['git', 'hg', 'svn', 'fossil']);

/**
 * Composer records each package's `dist` (the archive it installs) and `source` (the VCS it
 * can clone), and for a package from a Composer repository such as Packagist the
 * `notification-url` it reports installs to. So:
 * - a `path` dist is a local directory (a `path` repository): not published anywhere;
 * - no `notification-url` with a VCS source is a `vcs` repository's checkout, whose
 *   version is whatever its branch or tag says;
 * - no `notification-url` with an archive on disk is an `artifact` repository's file.
 * A package from another Composer repository (Drupal's, WordPress Packagist, a private
 * Packagist) keeps its name there and the advisory databases cover those names, so it
 * is matched like Packagist's.
 */
function sourceOfEntry(entry: Record<string, unknown>): DependencySource | undefined {
  const dist = isObject(entry.dist) ? entry.dist : undefined;
  const source = isObject(entry.source) ? entry.source : undefined;
  const distUrl = typeof dist?.url === 'string' ? dist.url : '';
  if (dist?.type === 'path') return { kind: 'file', ref: distUrl || '(no path recorded)' };
  if (typeof entry['notification-url'] === 'string' && entry['notification-url'] !== '') return undefined;
  if (source && typeof source.type === 'string' && VCS_TYPES.has(source.type) && typeof source.url === 'string') {
    const ref =
      typeof source.reference === 'string' && source.reference ? `${source.url}#${source.reference}` : source.url;
    return source.type === 'git' ? { kind: 'git', ref } : { kind: 'vcs', ref: `${source.type}+${ref}` };
  }
  if (distUrl !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(distUrl)) return { kind: 'file', ref: distUrl };
  if (distUrl.startsWith('file://')) return { kind: 'file', ref: distUrl };
  return undefined;
}

function licensesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim());
}

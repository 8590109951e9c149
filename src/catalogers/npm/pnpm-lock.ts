import { parse } from 'yaml';
import { sourceOfSpec, type DependencySource } from './dependency-source.js';
import { isObject, npmLicenses } from './package-json.js';
import { isRegistryVersion, type LockedPackage } from './package-lock.js';
import { importerLinks, splitPnpmId } from './pnpm-ids.js';

/**
 * Reads `pnpm-lock.yaml`. The `packages` map is keyed by package id, spelled differently
 * by each lockfile version (pnpm-ids.ts). Entries marked `dev: true` (5.x and 6.x) are
 * devDependencies and are left out; an entry may also carry `name` and `version`, which
 * win over the key (tarball and git installs).
 *
 * A package whose `resolution` is a directory, a git commit, or a tarball that is not the
 * registry's for a registry id, is a non-registry dependency (dependency-source.ts); so
 * are the `link:` dependencies of the importers (workspace members, linked directories),
 * which have no `packages` entry at all.
 */
export function parsePnpmLock(text: string): LockedPackage[] {
  const doc: unknown = parse(text, { uniqueKeys: false, maxAliasCount: 100, logLevel: 'error' });
  if (!isObject(doc)) throw new Error('not a YAML mapping');
  if (doc.lockfileVersion === undefined) throw new Error('no lockfileVersion: not a pnpm lockfile');
  const major = Number.parseInt(String(doc.lockfileVersion), 10);
  const links = importerLinks(doc);
  const found = new Map<string, LockedPackage>();
  const add = (p: LockedPackage) => {
    const key = `${p.name}@${p.source ? p.source.ref : p.version}`;
    if (!found.has(key)) found.set(key, p);
  };
  for (const [id, entry] of Object.entries(isObject(doc.packages) ? doc.packages : {})) {
    const info = isObject(entry) ? entry : {};
    if (info.dev === true) continue;
    const fromKey = splitPnpmId(id, major);
    const source = sourceOf(id, fromKey, isObject(info.resolution) ? info.resolution : {});
    const version = typeof info.version === 'string' ? info.version : source ? source.ref : fromKey?.version;
    const name =
      typeof info.name === 'string' ? info.name : source ? (fromKey?.name ?? links.names.get(id)) : fromKey?.name;
    if (!name || !version) continue;
    if (!source && !isRegistryVersion(version)) continue;
    add({ name, version, licenses: npmLicenses(info), ...(source ? { source } : {}) });
  }
  for (const link of links.linked) add({ ...link, version: link.source.ref, licenses: [] });
  return [...found.values()];
}

/** Undefined for a registry package; else where the package came from. */
function sourceOf(
  id: string,
  fromKey: { name: string; version: string } | undefined,
  resolution: Record<string, unknown>,
): DependencySource | undefined {
  if (resolution.type === 'directory' && typeof resolution.directory === 'string')
    return { kind: 'file', ref: `file:${resolution.directory}` };
  if (resolution.type === 'git' && typeof resolution.repo === 'string') {
    const commit = typeof resolution.commit === 'string' ? `#${resolution.commit}` : '';
    return { kind: 'git', ref: `${resolution.repo}${commit}` };
  }
  // A registry package may carry its tarball's URL (another registry): its id still names a version.
  const registryId = fromKey !== undefined && isRegistryVersion(fromKey.version);
  if (typeof resolution.tarball === 'string' && !registryId)
    return sourceOfSpec(resolution.tarball) ?? { kind: 'tarball', ref: resolution.tarball };
  if (registryId) return undefined;
  return sourceOfSpec(fromKey?.version ?? id) ?? sourceOfSpec(id) ?? { kind: 'file', ref: id };
}

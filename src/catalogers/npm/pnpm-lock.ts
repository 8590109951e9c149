import { parse } from 'yaml';
import { isObject, npmLicenses } from './package-json.js';
import { isRegistryVersion, type LockedPackage } from './package-lock.js';

/**
 * Reads `pnpm-lock.yaml`. The `packages` map is keyed by package id, spelled differently
 * by each lockfile version:
 *  - 5.x: `/name/1.2.3` or `/@scope/name/1.2.3_peer@2.0.0` (peers after `_`)
 *  - 6.x: `/name@1.2.3` or `/@scope/name@1.2.3(peer@2.0.0)`
 *  - 9.x: `name@1.2.3`, with the peer variants moved to `snapshots`.
 * Entries marked `dev: true` (5.x and 6.x) are devDependencies and are left out; an entry
 * may also carry `name` and `version`, which win over the key (tarball and git installs).
 */
export function parsePnpmLock(text: string): LockedPackage[] {
  const doc: unknown = parse(text, { uniqueKeys: false, maxAliasCount: 100, logLevel: 'error' });
  if (!isObject(doc)) throw new Error('not a YAML mapping');
  if (doc.lockfileVersion === undefined) throw new Error('no lockfileVersion: not a pnpm lockfile');
  const v5 = String(doc.lockfileVersion).startsWith('5');
  const found = new Map<string, LockedPackage>();
  for (const [id, entry] of Object.entries(isObject(doc.packages) ? doc.packages : {})) {
    const info = isObject(entry) ? entry : {};
    if (info.dev === true) continue;
    const fromKey = v5 ? splitV5(id) : splitId(id);
    const name = typeof info.name === 'string' ? info.name : fromKey?.name;
    const version = typeof info.version === 'string' ? info.version : fromKey?.version;
    if (!name || !isRegistryVersion(version)) continue;
    const key = `${name}@${version}`;
    if (!found.has(key)) found.set(key, { name, version, licenses: npmLicenses(info) });
  }
  return [...found.values()];
}

/** `/@scope/name@1.2.3(peer@1.0.0)` or `name@1.2.3`. */
function splitId(id: string): { name: string; version: string } | undefined {
  const bare = id.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  return at === -1 ? undefined : { name: bare.slice(0, at), version: bare.slice(at + 1) };
}

/** `/@scope/name/1.2.3_peer@1.0.0`. */
function splitV5(id: string): { name: string; version: string } | undefined {
  const bare = id.replace(/^\//, '');
  const slash = bare.lastIndexOf('/');
  if (slash <= 0) return undefined;
  return { name: bare.slice(0, slash), version: bare.slice(slash + 1).replace(/_.*$/, '') };
}

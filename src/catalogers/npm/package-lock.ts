import { isObject, npmLicenses } from './package-json.js';

/** One dependency a lockfile pins. */
export interface LockedPackage {
  name: string;
  version: string;
  licenses: string[];
}

/** Versions that name a registry release; git URLs, tarball URLs and `file:` paths do not. */
export function isRegistryVersion(version: unknown): version is string {
  return typeof version === 'string' && /^v?\d+\.\d+\.\d+[^\s:/]*$/.test(version);
}

/** `npm:name@version` (an alias) as the package it installs. */
export function aliasTarget(spec: string): { name: string; version: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const body = spec.slice(4);
  const at = body.lastIndexOf('@');
  return at > 0 ? { name: body.slice(0, at), version: body.slice(at + 1) } : undefined;
}

/**
 * Reads `package-lock.json` / `npm-shrinkwrap.json`, versions 1 to 3. Version 2 and 3
 * lockfiles list every install path in `packages` (`node_modules/a/node_modules/b`);
 * version 1 nests `dependencies`. The root project, workspace members and links are
 * not dependencies; neither are devDependencies, which `npm ci --omit=dev` leaves out.
 * Throws on a file that is not a lockfile.
 */
export function parsePackageLock(text: string): LockedPackage[] {
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(json)) throw new Error('not a JSON object');
  const found = new Map<string, LockedPackage>();
  const add = (alias: string, entry: Record<string, unknown>) => {
    if (entry.dev === true || entry.link === true) return;
    // Version 1 spells an aliased install (`"s": "npm:string-width@4.2.3"`) in its version.
    const real = typeof entry.version === 'string' ? aliasTarget(entry.version) : undefined;
    const name = real?.name ?? alias;
    const version = real?.version ?? entry.version;
    if (!isRegistryVersion(version)) return;
    const key = `${name}@${version}`;
    if (!found.has(key)) found.set(key, { name, version, licenses: npmLicenses(entry) });
  };

  if (isObject(json.packages)) {
    for (const [path, entry] of Object.entries(json.packages)) {
      const at = path.lastIndexOf('node_modules/');
      if (at === -1 || !isObject(entry)) continue; // "" is the project, "packages/x" a workspace
      add(typeof entry.name === 'string' ? entry.name : path.slice(at + 'node_modules/'.length), entry);
    }
  } else if (isObject(json.dependencies)) {
    const walk = (deps: Record<string, unknown>) => {
      for (const [name, entry] of Object.entries(deps)) {
        if (!isObject(entry)) continue;
        add(name, entry);
        if (isObject(entry.dependencies)) walk(entry.dependencies);
      }
    };
    walk(json.dependencies);
  } else if (typeof json.lockfileVersion !== 'number') {
    throw new Error('neither "packages" nor "dependencies" nor "lockfileVersion": not an npm lockfile');
  }
  return [...found.values()];
}

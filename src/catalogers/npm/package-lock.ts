import { sourceOfSpec, type DependencySource } from './dependency-source.js';
import { isObject, npmLicenses } from './package-json.js';
import { packageLockSource, rootSpecs, v1VersionSource } from './package-lock-source.js';

/** One dependency a lockfile pins. */
export interface LockedPackage {
  name: string;
  version: string;
  licenses: string[];
  /** Set when it does not come from the npm registry (see dependency-source.ts): listed, not matched. */
  source?: DependencySource;
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
  const add = (alias: string, entry: Record<string, unknown>, source: DependencySource | undefined) => {
    if (entry.dev === true) return;
    if (source) {
      // A link's version is its target's (`packages["vendor/ws"].version`).
      const target = entry.link === true && isObject(packages) ? packages[String(entry.resolved)] : undefined;
      const recorded = isObject(target) ? target.version : entry.version;
      const version = typeof recorded === 'string' && !sourceOfSpec(recorded) ? recorded : source.ref;
      const key = `${alias}@${source.ref}`;
      if (!found.has(key)) found.set(key, { name: alias, version, licenses: npmLicenses(entry), source });
      return;
    }
    if (entry.link === true) return;
    // Version 1 spells an aliased install (`"s": "npm:string-width@4.2.3"`) in its version.
    const real = typeof entry.version === 'string' ? aliasTarget(entry.version) : undefined;
    const name = real?.name ?? alias;
    const version = real?.version ?? entry.version;
    if (!isRegistryVersion(version)) return;
    const key = `${name}@${version}`;
    if (!found.has(key)) found.set(key, { name, version, licenses: npmLicenses(entry) });
  };

  const packages = json.packages;
  if (isObject(packages)) {
    const specs = rootSpecs(packages);
    for (const [path, entry] of Object.entries(packages)) {
      const at = path.lastIndexOf('node_modules/');
      if (at === -1 || !isObject(entry)) continue; // "" is the project, "packages/x" a workspace
      const name = typeof entry.name === 'string' ? entry.name : path.slice(at + 'node_modules/'.length);
      add(name, entry, packageLockSource(path, entry, specs));
    }
  } else if (isObject(json.dependencies)) {
    const walk = (deps: Record<string, unknown>) => {
      for (const [name, entry] of Object.entries(deps)) {
        if (!isObject(entry)) continue;
        add(name, entry, v1VersionSource(entry.version));
        if (isObject(entry.dependencies)) walk(entry.dependencies);
      }
    };
    walk(json.dependencies);
  } else if (typeof json.lockfileVersion !== 'number') {
    throw new Error('neither "packages" nor "dependencies" nor "lockfileVersion": not an npm lockfile');
  }
  return [...found.values()];
}

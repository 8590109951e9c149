import { sourceOfSpec, type DependencySource } from './dependency-source.js';
import { isObject } from './package-json.js';

/**
 * Where a package-lock.json entry came from, when not the registry (dependency-source.ts).
 * v2/v3 mark links (`"link": true`, `resolved` the target directory: a workspace member or a
 * `file:` directory) and record git installs in `resolved` (`git+ssh://…#<commit>`); a
 * tarball URL install looks like a registry one but for the project's spec of it, so the
 * root's spec decides for top-level packages. v1 spells the source in `version` itself.
 */
export function packageLockSource(
  path: string,
  entry: Record<string, unknown>,
  rootSpecs: Record<string, unknown>,
): DependencySource | undefined {
  const top = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
  const spec = top !== undefined && typeof rootSpecs[top] === 'string' ? rootSpecs[top] : undefined;
  const resolved = typeof entry.resolved === 'string' ? entry.resolved : undefined;
  if (entry.link === true) {
    const target = resolved ?? path;
    return spec?.startsWith('file:') ? { kind: 'file', ref: `file:${target}` } : { kind: 'workspace', ref: target };
  }
  if (resolved !== undefined && /^(?:git[+:]|file:)/.test(resolved)) return sourceOfSpec(resolved);
  const fromSpec = spec !== undefined ? sourceOfSpec(spec) : undefined;
  if (fromSpec?.kind === 'tarball') return { kind: 'tarball', ref: resolved ?? fromSpec.ref };
  if (fromSpec?.kind === 'git') return { kind: 'git', ref: resolved ?? fromSpec.ref };
  return undefined;
}

/** v1: `"version": "file:vendor/x"`, `"git+https://…#<commit>"`, `"https://host/x.tgz"`. */
export function v1VersionSource(version: unknown): DependencySource | undefined {
  return typeof version === 'string' && !version.startsWith('npm:') ? sourceOfSpec(version) : undefined;
}

/** The root project's production specs (`packages[""]`), by dependency name. */
export function rootSpecs(packages: Record<string, unknown>): Record<string, unknown> {
  const root = isObject(packages['']) ? packages[''] : {};
  return {
    ...(isObject(root.optionalDependencies) ? root.optionalDependencies : {}),
    ...(isObject(root.dependencies) ? root.dependencies : {}),
  };
}

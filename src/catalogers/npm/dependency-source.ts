/**
 * Where a locked npm dependency came from when it is not the npm registry, read the same
 * way from package-lock.json, yarn.lock (v1 and berry) and pnpm-lock.yaml: a git
 * repository (`git+…`, `github:`/`user/repo` shorthand, a codeload tarball), a tarball
 * URL, a local directory or tarball (`file:`), a symlink (`link:`, berry `portal:`) or a
 * workspace member (`workspace:`). What then happens to it is the policy of every
 * ecosystem (catalogers/common/outside-registry.ts). The project itself (the lockfile's
 * root, berry's `workspace:.`) is not a dependency and is left out.
 */
import type { DependencySource } from '../common/outside-registry.js';

export type { DependencySource } from '../common/outside-registry.js';

const GIT_HOSTS = /^(?:https?:\/\/)?(?:codeload\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\//;
/** `user/repo` or `user/repo#ref`: npm's and yarn's GitHub shorthand. */
const GITHUB_SHORTHAND = /^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/;

/**
 * The source a dependency spec or resolution names, or undefined for the registry
 * (a semver range, a tag, a version, an `npm:` alias).
 */
export function sourceOfSpec(spec: string): DependencySource | undefined {
  const s = spec.trim();
  const colon = s.indexOf(':');
  const protocol = colon > 0 ? s.slice(0, colon).toLowerCase() : '';
  if (protocol === 'npm' || protocol === '') {
    return GITHUB_SHORTHAND.test(s) ? { kind: 'git', ref: s } : undefined;
  }
  if (protocol === 'file' || protocol === 'exec') return { kind: 'file', ref: s };
  if (protocol === 'link' || protocol === 'portal') return { kind: 'link', ref: s };
  if (protocol === 'workspace') return { kind: 'workspace', ref: s };
  if (protocol.startsWith('git') || protocol === 'ssh' || ['github', 'gitlab', 'bitbucket', 'gist'].includes(protocol))
    return { kind: 'git', ref: s };
  if (protocol === 'http' || protocol === 'https') {
    // A repository URL (`https://github.com/a/b.git#commit=…`) or a host's archive of one is git.
    return /\.git(?:#|$)/.test(s) || GIT_HOSTS.test(s) ? { kind: 'git', ref: s } : { kind: 'tarball', ref: s };
  }
  return undefined;
}

/** What npm's warnings call its registry. */
export const NPM_REGISTRY = { name: 'the npm registry', advisories: 'npm advisories' };

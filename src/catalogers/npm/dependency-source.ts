/**
 * Where a locked dependency came from when it is not the npm registry.
 *
 * The rule, the same for package-lock.json, yarn.lock (v1 and berry) and pnpm-lock.yaml:
 * a dependency resolved from a git repository (`git+…`, `github:`/`user/repo` shorthand,
 * a codeload tarball), a tarball URL, a local directory or tarball (`file:`), a symlink
 * (`link:`, berry `portal:`) or a workspace member (`workspace:`) is code the registry
 * never published under that name and version. Its version, when the lockfile records
 * one, is only what its own package.json claims, so npm advisories keyed by registry
 * versions say nothing about it — matching them would give findings about another
 * package, and a clean result would be a false one (Trivy and Grype likewise do not
 * match local and git dependencies). Such a dependency is listed in the SBOM with its
 * source (a purl `vcs_url` or `download_url` qualifier where purl has one, and metadata
 * `resolvedFrom`/`resolvedRef` always), is not matched, and its lockfile gets a warning
 * saying it could not be assessed. The project itself (the lockfile's root, berry's
 * `workspace:.`) is not a dependency and is left out, as before.
 */
export type SourceKind = 'git' | 'tarball' | 'file' | 'link' | 'workspace';

export interface DependencySource {
  kind: SourceKind;
  /** The reference as the lockfile spells it: a URL with its commit, a path. */
  ref: string;
}

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

/** The purl qualifiers that say where the package came from (purl spec: `vcs_url`, `download_url`). */
export function sourceQualifiers(source: DependencySource): Record<string, string> | undefined {
  // purl's vcs_url is `<vcs>+<url>`: pnpm records a git repository by its bare URL.
  if (source.kind === 'git') return { vcs_url: /^git[+:]/.test(source.ref) ? source.ref : `git+${source.ref}` };
  if (source.kind === 'tarball') return { download_url: source.ref };
  return undefined;
}

const KIND_TEXT: Record<SourceKind, string> = {
  git: 'a git repository',
  tarball: 'a tarball URL',
  file: 'a local path',
  link: 'a linked directory',
  workspace: 'a workspace member',
};

/** Shown at most per lockfile: a monorepo can hold hundreds of workspaces. */
const NAMED = 10;

/** The warning on a lockfile whose non-registry dependencies were listed but not assessed. */
export function unassessedWarning(locked: { name: string; source: DependencySource }[]): string {
  const named = locked.slice(0, NAMED).map((p) => `${p.name} (${KIND_TEXT[p.source.kind]}: ${p.source.ref})`);
  const more = locked.length > NAMED ? `, and ${locked.length - NAMED} more` : '';
  const count = locked.length === 1 ? '1 dependency is' : `${locked.length} dependencies are`;
  return (
    `${count} not from the npm registry, so npm advisories do not apply and ` +
    `${locked.length === 1 ? 'its' : 'their'} vulnerabilities could not be assessed: ${named.join(', ')}${more}`
  );
}

/**
 * One policy, every ecosystem: a package that did not come from its ecosystem's registry.
 *
 * A dependency resolved from a git repository, an archive URL, a local directory or file,
 * a link, a workspace member, a project built beside it, or another registry is code the
 * ecosystem's registry never published under that name and version. Its version is only
 * what its own manifest claims, so advisories keyed by registry versions say nothing about
 * it: matching them would report another package's vulnerabilities, and a clean result
 * would be a false one (Trivy and Grype likewise leave local and git dependencies
 * unmatched). Such a package is
 * - listed in the SBOM, with its source: metadata `resolvedFrom` (the kind) and
 *   `resolvedRef` (the reference as the file spells it), and a purl `vcs_url` or
 *   `download_url` qualifier where purl has one;
 * - not matched (match/non-registry.ts reads `resolvedFrom`), and counted in the coverage
 *   as not assessed;
 * - named in one warning on the file that listed it, so the gap is said where it is.
 * The project itself (a lockfile's root, a binary's own main crate or module, the
 * application of a deps.json) is not a dependency and is not warned about.
 */
export type SourceKind = 'git' | 'vcs' | 'tarball' | 'file' | 'link' | 'workspace' | 'project' | 'registry' | 'other';

export interface DependencySource {
  kind: SourceKind;
  /** The reference as the file spells it: a URL with its commit, a path, a registry's index. */
  ref: string;
}

/** The purl qualifiers that say where the package came from (purl spec: `vcs_url`, `download_url`). */
export function sourceQualifiers(source: DependencySource): Record<string, string> | undefined {
  // purl's vcs_url is `<vcs>+<url>`: some lockfiles record a git repository by its bare URL.
  // A reference that is a description, not a URL (`bundler checkout of commit …`), has none.
  if (/\s/.test(source.ref)) return undefined;
  if (source.kind === 'git') return { vcs_url: /^git[+:]/.test(source.ref) ? source.ref : `git+${source.ref}` };
  // Another VCS is written `<vcs>+<url>` (`hg+https://…@rev`) by whoever recorded it.
  if (source.kind === 'vcs') return { vcs_url: source.ref };
  if (source.kind === 'tarball') return { download_url: source.ref };
  return undefined;
}

/** The package metadata that makes the matcher leave it alone (match/non-registry.ts). */
export const sourceMetadata = (source: DependencySource | undefined): Record<string, string> =>
  source ? { resolvedFrom: source.kind, resolvedRef: source.ref } : {};

const KIND_TEXT: Record<SourceKind, string> = {
  git: 'a git repository',
  vcs: 'a version control repository',
  tarball: 'a tarball URL',
  file: 'a local path',
  link: 'a linked directory',
  workspace: 'a workspace member',
  project: 'a project built with it',
  registry: 'another registry',
  // A source the format allows but this reader does not know (cargo-auditable's kinds are
  // extensible, e.g. to other version control systems): not the registry either.
  other: 'an unrecognised source',
};

/** What the warning calls the ecosystem's registry and its advisories. */
export interface Registry {
  /** `the npm registry`, `crates.io`, `PyPI`. */
  name: string;
  /** `npm advisories`. */
  advisories: string;
}

/** Shown at most per file: a monorepo can hold hundreds of workspaces. */
const NAMED = 10;

/** The warning on a file whose non-registry dependencies were listed but not assessed. */
export function unassessedWarning(registry: Registry, locked: { name: string; source: DependencySource }[]): string {
  const named = locked.slice(0, NAMED).map((p) => `${p.name} (${KIND_TEXT[p.source.kind]}: ${p.source.ref})`);
  const more = locked.length > NAMED ? `, and ${locked.length - NAMED} more` : '';
  const count = locked.length === 1 ? '1 dependency is' : `${locked.length} dependencies are`;
  return (
    `${count} not from ${registry.name}, so ${registry.advisories} do not apply and ` +
    `${locked.length === 1 ? 'its' : 'their'} vulnerabilities could not be assessed: ${named.join(', ')}${more}`
  );
}

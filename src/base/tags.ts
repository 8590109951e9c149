/**
 * Which tag of a repository is a newer release line than another: `debian:trixie` after
 * `debian:bookworm`, `python:3.12-slim` after `python:3.11-slim`. Tags that name a Debian
 * release (a codename anywhere in the tag, or a version number in the `debian` repository)
 * are ordered by Debian's release order; otherwise a semver-ish version in the tag decides;
 * tags that carry neither are ordered by build date. The rest of the tag (`slim`) is its
 * variant: an update keeps the variant when the catalog has it.
 */
import { DEBIAN_RELEASES } from '../distro/debian.js';
import { canonicalRepository } from './reference.js';

/** Debian codenames and their major versions, from etch (4) on: numbered releases order by number. */
const DEBIAN_CODENAMES: Record<string, number> = Object.fromEntries(
  DEBIAN_RELEASES.filter((r) => /^\d+$/.test(r.version)).map((r) => [r.codename, Number(r.version)]),
);
/** Suites that move: their release is whatever the image's os-release says it was built from. */
const MOVING_SUITES = new Set(['stable', 'oldstable', 'oldoldstable', 'latest']);
/** Development suites are never recommended as an update: they are not releases. */
const DEVELOPMENT = new Set(['testing', 'unstable', 'sid', 'experimental', 'rc-buggy']);

export interface TagFacts {
  /** Debian major version the tag names (or, for `stable`-like tags, the image was built from). */
  debianRelease?: number;
  /** `3.12.1` → [3, 12, 1]: the first dotted number in the tag that is not a Debian version. */
  version?: number[];
  /** What is left once release, version and suite words are taken out: `slim`, `` for none. */
  variant: string;
  development: boolean;
}

const tokens = (tag: string) => tag.toLowerCase().split(/[-_]/).filter(Boolean);

/**
 * `os` is the stored image's `debian 12` (src/store/images.ts), used only for a tag that
 * names a moving suite.
 */
export function tagFacts(repository: string, tag: string, os?: string): TagFacts {
  const isDebianRepo = canonicalRepository(repository).split('/').at(-1) === 'debian';
  const rest: string[] = [];
  let debianRelease: number | undefined;
  let version: number[] | undefined;
  let development = false;
  for (const token of tokens(tag)) {
    const codename = DEBIAN_CODENAMES[token];
    const numeric = /^v?(\d+(?:\.\d+)*)$/.exec(token);
    // A build date (`bookworm-20241111`) dates one build of the line; it names no line.
    if (/^(19|20)\d{6}$/.test(token)) continue;
    if (codename !== undefined) debianRelease ??= codename;
    else if (MOVING_SUITES.has(token)) debianRelease ??= osRelease(os);
    else if (DEVELOPMENT.has(token)) development = true;
    else if (numeric && isDebianRepo) debianRelease ??= Number(numeric[1].split('.')[0]);
    else if (numeric) version ??= numeric[1].split('.').map(Number);
    else rest.push(token);
  }
  return {
    ...(debianRelease !== undefined ? { debianRelease } : {}),
    ...(version ? { version } : {}),
    variant: rest.join('-'),
    development,
  };
}

/** `debian 12` → 12, `debian trixie` → 13; anything not Debian → undefined. */
function osRelease(os: string | undefined): number | undefined {
  const m = /^debian (\S+)$/.exec(os ?? '');
  if (!m) return undefined;
  return /^\d+/.test(m[1]) ? Number(m[1].split('.')[0]) : DEBIAN_CODENAMES[m[1]];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * > 0 when `a` is a newer release line than `b`, < 0 when older, 0 when it is the same
 * line (bookworm and bookworm-slim, or two tags naming the same version). Tags that cannot
 * be compared by what they name are ordered by build date.
 */
export function compareReleaseLines(a: TagFacts & { built: string }, b: TagFacts & { built: string }): number {
  const bothRelease = a.debianRelease !== undefined && b.debianRelease !== undefined;
  if (bothRelease && a.debianRelease !== b.debianRelease) return a.debianRelease! - b.debianRelease!;
  if (a.version && b.version) return compareVersions(a.version, b.version);
  if (bothRelease && !a.version && !b.version) return 0;
  return a.built < b.built ? -1 : a.built > b.built ? 1 : 0;
}

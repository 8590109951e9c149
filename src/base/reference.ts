/**
 * A catalog entry's name is `repository:tag`, as users type it (`debian:bookworm-slim`,
 * `registry.local/base/debian:12`). Names compare the way Docker compares references
 * (src/image/reference.ts): `debian` is `docker.io/library/debian`.
 */
import { normalizeReference } from '../image/reference.js';
import { UserError } from '../errors.js';

export interface RepoTag {
  repository: string;
  tag: string;
}

/** `debian:bookworm` → { debian, bookworm }; a name without a tag is `:latest`; a digest is refused. */
export function parseRepoTag(name: string, flag = '--name'): RepoTag {
  const trimmed = name.trim();
  if (trimmed.includes('@'))
    throw new UserError(`${flag} ${JSON.stringify(name)} names a digest; a base image is filed under repository:tag`, {
      hint: 'e.g. --name debian:bookworm-slim',
    });
  const slash = trimmed.lastIndexOf('/');
  const colon = trimmed.lastIndexOf(':');
  const repository = colon > slash ? trimmed.slice(0, colon) : trimmed;
  const tag = colon > slash ? trimmed.slice(colon + 1) : 'latest';
  if (!/^[a-z0-9]+(?:[._\-/:][a-z0-9]+)*$/.test(repository) || !/^[\w][\w.-]{0,127}$/.test(tag)) {
    throw new UserError(`${flag} ${JSON.stringify(name)} is not an image reference`, {
      hint: 'use repository:tag, e.g. --name debian:bookworm-slim',
    });
  }
  return { repository, tag };
}

export const repoTagName = (r: RepoTag): string => `${r.repository}:${r.tag}`;

/** `docker.io/library/debian` → `debian`: the repository part of a normalized reference. */
export function canonicalRepository(repository: string): string {
  const normalized = normalizeReference(`${repository}:x`);
  return normalized.slice(0, normalized.lastIndexOf(':'));
}

export function sameRepository(a: string, b: string): boolean {
  return canonicalRepository(a) === canonicalRepository(b);
}

/** Whether a reference as an image label spells it (`docker.io/library/debian:bookworm`) names this entry. */
export function namesEntry(reference: string, entry: RepoTag): boolean {
  try {
    const bare = reference.split('@')[0];
    if (bare === '') return false;
    return normalizeReference(bare) === normalizeReference(repoTagName(entry));
  } catch {
    return false;
  }
}

/** Catalog entries a user names: `debian:bookworm` (every build filed under it) or a digest prefix (one build). */
import { sameReference } from '../image/reference.js';
import type { CatalogEntry } from './catalog.js';

const DIGEST_PREFIX = /^(sha256:)?([a-f0-9]{4,64})$/;

export function findCatalogEntries(entries: CatalogEntry[], ref: string): CatalogEntry[] {
  const byName = entries.filter((e) => e.name === ref || safeSame(e.name, ref));
  if (byName.length > 0) return byName;
  const digest = DIGEST_PREFIX.exec(ref.trim());
  if (!digest) return [];
  const prefix = `sha256:${digest[2]}`;
  return entries.filter((e) =>
    [e.image.key, e.image.manifestDigest, e.image.configDigest].some((d) => d?.startsWith(prefix)),
  );
}

/** Entries whose image has exactly this digest (a label's `base.digest`): manifest, config or image key. */
export function entriesWithDigest(entries: CatalogEntry[], digest: string): CatalogEntry[] {
  return entries.filter((e) => [e.image.key, e.image.manifestDigest, e.image.configDigest].includes(digest));
}

function safeSame(a: string, b: string): boolean {
  try {
    return sameReference(a, b);
  } catch {
    return false;
  }
}

import { posix } from 'node:path';

/**
 * Normalizes a tar entry name to an image path without the leading slash
 * (`./usr/lib/x` → `usr/lib/x`). Returns undefined for names that try to leave
 * the root (`../x`, `a/../../x`): such entries are refused, never followed.
 */
/**
 * Deeper paths are dropped with a warning: no real image comes near (Linux's PATH_MAX of
 * 4096 bytes allows ~2048 levels at most), while a single 400 KB PAX name of 200,000
 * levels would make every walk of the file tree deep enough to overflow the stack.
 */
export const MAX_PATH_DEPTH = 1024;

/** Components of a normalized path (`a/b/c` is 3), counted without splitting it. */
export function pathDepth(path: string): number {
  let depth = 1;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) depth++;
  return depth;
}

export function normalizeEntryName(name: string): string | undefined {
  // Most names are already clean (`usr/lib/x`, `./usr/lib/x`): nothing to split and join.
  const rest = name.startsWith('./') ? name.slice(2) : name;
  if (isClean(rest)) return rest;
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.join('/');
}

/** No leading or trailing slash, no empty, `.` or `..` segment. */
function isClean(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.endsWith('/') || path.includes('//')) return false;
  if (path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../')) return false;
  return !(path.includes('/./') || path.includes('/../') || path.endsWith('/.') || path.endsWith('/..'));
}

/**
 * Resolves a symlink target inside the image, like a chroot would: absolute
 * targets start at the image root and `..` never climbs above it.
 * `from` is the link's own path (no leading slash).
 */
export function resolveLinkTarget(from: string, target: string): string {
  const base = target.startsWith('/') ? '/' : posix.join('/', posix.dirname(from));
  const joined = posix.join(base, target);
  // posix.join already collapsed `..`; at the root `/..` stays `/`.
  return joined.replace(/^\/+/, '');
}

/** Names an archive member safely: a relative path without `..`, or undefined. */
export function safeArchivePath(name: string): string | undefined {
  if (name.startsWith('/') || name.includes('\\')) return undefined;
  return normalizeEntryName(name);
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

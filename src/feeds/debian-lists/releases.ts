export { DEBIAN_RELEASES, debianCodenameForVersion } from '../../distro/debian.js';

/** Unstable: where a tracker line without a `[release]` tag applies. */
export const DEBIAN_UNSTABLE = 'sid';

/**
 * Releases that take the unstable state when the tracker has no line of their
 * own for a package (the tracker annotates only releases it still supports, and
 * a release made after the unstable fix already carries it). Older releases
 * get only what the tracker says about them explicitly.
 */
export const RELEASES_INHERITING_UNSTABLE = [
  'jessie',
  'stretch',
  'buster',
  'bullseye',
  'bookworm',
  'trixie',
  'forky',
] as const;

export function debianNamespace(codename: string): string {
  return `debian:${codename}`;
}

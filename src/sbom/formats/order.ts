import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Package, Sbom, Warning } from '../model.js';

/**
 * Shared by the encoders so that the same SBOM always renders to the same bytes:
 * a total order on packages, stable unique references, ids derived from content.
 */

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function packageSortKey(p: Package): string[] {
  return [p.type, p.name, p.version, p.arch ?? '', p.purl, p.locations[0]?.path ?? ''];
}

export function sortedPackages(packages: Package[]): Package[] {
  return [...packages].sort((a, b) => {
    const ka = packageSortKey(a);
    const kb = packageSortKey(b);
    for (let i = 0; i < ka.length; i++) {
      const c = compare(ka[i], kb[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

export function sortedWarnings(warnings: Warning[]): Warning[] {
  return [...warnings].sort((a, b) => compare(a.path, b.path) || compare(a.message, b.message));
}

/**
 * One reference per package, in the order given: the purl, suffixed `#2`, `#3` ... when
 * the same purl appears more than once (one package found at two locations).
 */
export function packageRefs(packages: Package[]): string[] {
  const used = new Map<string, number>();
  return packages.map((p) => {
    const n = (used.get(p.purl) ?? 0) + 1;
    used.set(p.purl, n);
    return n === 1 ? p.purl : `${p.purl}#${n}`;
  });
}

/** An RFC 4122 version-5-shaped UUID from a SHA-256 of the text: same input, same id. */
export function contentUuid(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What to call the image: its first tag, else the file name it was read from. */
export function imageName(sbom: Sbom): string {
  return sbom.image.names[0] ?? posix.basename(sbom.image.source.replace(/\\/g, '/'));
}

/** The short layer index shown for a diff_id, or undefined when it is not one of the image's layers. */
export function layerIndex(sbom: Sbom, diffId: string | undefined): number | undefined {
  return diffId === undefined ? undefined : sbom.image.layers.find((l) => l.diffId === diffId)?.index;
}

/** Whether a package belongs to the operating system rather than to an application. */
export function isOsPackage(p: Package): boolean {
  return p.type === 'deb' || p.type === 'apk' || p.type === 'rpm';
}

/** The object without its undefined members, so optional fields are left out rather than null. */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * A snapshot knows the version of every cataloger that made it. When this airlock has a
 * newer version of one (or a cataloger the snapshot never ran), the snapshot may miss or
 * misread packages: it is stale, and only a new scan of the image refreshes it.
 */
import { catalogers, distroDetectors } from '../catalogers/index.js';

export function currentCatalogerVersions(): Record<string, number> {
  return Object.fromEntries([...distroDetectors, ...catalogers].map((c) => [c.name, c.version]));
}

/**
 * What makes a snapshot stale, one item per cataloger (`dpkg 1 → 2`, `rpm new`); empty
 * when it is current. A snapshot with no catalogers (read from an SBOM file or an
 * attestation) was not made by airlock's catalogers and cannot go stale.
 */
export function staleCatalogers(
  stored: Record<string, number>,
  current: Record<string, number> = currentCatalogerVersions(),
): string[] {
  if (Object.keys(stored).length === 0) return [];
  const out: string[] = [];
  for (const [name, version] of Object.entries(current)) {
    const had = stored[name];
    if (had === undefined) out.push(`${name} new`);
    else if (had < version) out.push(`${name} ${had} → ${version}`);
  }
  return out;
}

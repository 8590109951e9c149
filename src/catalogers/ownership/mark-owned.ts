import type { Package } from '../../sbom/model.js';
import type { FileOwners } from '../types.js';

const OS_TYPES = new Set<Package['type']>(['deb', 'rpm', 'apk']);

/**
 * Marks each application package (a jar, a dist-info, a package.json) whose file an OS
 * package installed with that owner, and drops exact repeats, so a jar shipped by a .deb
 * is reported once, as the deb's. Only the paths of application packages are asked
 * about, so memory stays proportional to them, not to the image's file lists.
 */
export function markOwnedPackages(packages: Package[], owners: FileOwners[]): Package[] {
  const unique = dropRepeats(packages);
  const wanted = new Map<Package, string[]>();
  const paths = new Set<string>();
  for (const p of unique) {
    if (OS_TYPES.has(p.type) || !p.locations[0]) continue;
    const candidates = pathAliases(ownedFile(p.locations[0].path));
    wanted.set(p, candidates);
    for (const c of candidates) paths.add(c);
  }
  if (paths.size === 0) return unique;
  for (const source of owners) {
    const found = source.ownersOf(paths);
    if (found.size === 0) continue;
    for (const [p, candidates] of wanted) {
      if (p.ownedBy) continue;
      const name = candidates.map((c) => found.get(c)).find((n) => n !== undefined);
      if (name !== undefined) p.ownedBy = { type: source.type, name };
    }
  }
  return unique;
}

/** A nested archive (`/a.jar!/BOOT-INF/lib/b.jar`) belongs to whoever installed the outer file. */
function ownedFile(location: string): string {
  const bang = location.indexOf('!/');
  return bang < 0 ? location : location.slice(0, bang);
}

const MERGED = /^\/(bin|sbin|lib|lib32|lib64|libx32)\//;
const USR_MERGED = /^\/usr\/(bin|sbin|lib|lib32|lib64|libx32)\//;

/**
 * The path and its merged-/usr twin: a package may list `/lib/x` while the image reaches
 * it as `/usr/lib/x` through the `/lib -> usr/lib` link (or the other way round).
 */
function pathAliases(path: string): string[] {
  if (MERGED.test(path)) return [path, `/usr${path}`];
  if (USR_MERGED.test(path)) return [path, path.slice(4)];
  return [path];
}

/** The same package found twice at the same place (two catalogers reading one file) counts once. */
function dropRepeats(packages: Package[]): Package[] {
  const seen = new Set<string>();
  return packages.filter((p) => {
    const key = `${p.type}\0${p.purl}\0${p.locations[0]?.path ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

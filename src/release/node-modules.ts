import { cp, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * The production `node_modules` of a release, copied from the builder's installed tree
 * (what `npm ci` made, so the compiled sqlite3 addon comes along) and chosen by
 * package-lock.json exactly as `npm ci --omit=dev` would: every lockfile entry not marked
 * `dev`. Working from the lockfile, not from the directory, means a stray or dev package
 * in the builder's tree never ships, and a missing or different one is an error rather
 * than a release that fails on the appliance.
 */
interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  link?: boolean;
}

export interface CopiedPackage {
  path: string;
  version: string;
}

const CI_HINT = 'run `npm ci` in the checkout first, so node_modules matches package-lock.json';

export async function productionPackages(
  root: string,
): Promise<{ path: string; entry: LockEntry; optional: boolean }[]> {
  const lockFile = join(root, 'package-lock.json');
  let lock: { lockfileVersion?: number; packages?: Record<string, LockEntry> };
  try {
    lock = JSON.parse(await readFile(lockFile, 'utf8'));
  } catch (cause) {
    throw new UserError(`${lockFile}: cannot read the lockfile: ${(cause as Error).message}`, { cause });
  }
  if (!lock.packages || (lock.lockfileVersion ?? 0) < 2)
    throw new UserError(
      `${lockFile}: lockfile version ${lock.lockfileVersion} has no "packages" map (npm 7 or newer writes one)`,
    );
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev)
    .map(([path, entry]) => ({ path, entry, optional: Boolean(entry.optional || entry.devOptional) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function copyProductionModules(root: string, stageDir: string): Promise<CopiedPackage[]> {
  const copied: CopiedPackage[] = [];
  for (const { path, entry, optional } of await productionPackages(root)) {
    if (entry.link)
      throw new UserError(
        `package-lock.json: ${path} is a linked workspace package; releases hold installed packages only`,
      );
    const from = join(root, path);
    const installed = await installedVersion(from);
    if (installed === undefined) {
      if (optional) continue; // an optional dependency for another platform: npm did not install it either
      throw new UserError(`${from} is missing (package-lock.json lists ${path} ${entry.version})`, { hint: CI_HINT });
    }
    if (installed !== entry.version)
      throw new UserError(`${from} is version ${installed}; package-lock.json wants ${entry.version}`, {
        hint: CI_HINT,
      });
    const nativeAddon = await exists(join(from, 'binding.gyp'));
    await cp(from, join(stageDir, path), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => keep(from, src, nativeAddon),
    });
    copied.push({ path, version: installed });
  }
  return copied;
}

/**
 * Nested `node_modules` are lockfile entries of their own (copied, or left out as dev, by
 * them). A native addon keeps only its built `build/Release/*.node`: the rest of `build/`
 * is compiler output (objects, makefiles naming the builder's paths) nobody loads.
 */
function keep(pkgDir: string, src: string, nativeAddon: boolean): boolean {
  const rel = src.slice(pkgDir.length + 1);
  if (rel === '') return true;
  if (rel === 'node_modules' || rel.startsWith('node_modules/')) return false;
  if (nativeAddon && (rel === 'build' || rel.startsWith('build/'))) {
    return rel === 'build' || rel === 'build/Release' || /^build\/Release\/[^/]+\.node$/.test(rel);
  }
  return true;
}

async function installedVersion(dir: string): Promise<string | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).version;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`${dir}/package.json: ${(err as Error).message}`, { hint: CI_HINT, cause: err });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger, CatalogContext, WantedFile } from '../types.js';
import { layerIntroducer } from '../common/introduced-by.js';
import {
  sourceMetadata,
  sourceQualifiers,
  unassessedWarning,
  type DependencySource,
} from '../common/outside-registry.js';
import { NPM_REGISTRY } from './dependency-source.js';
import { readManifest } from './package-json.js';
import { parsePackageLock, type LockedPackage } from './package-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parseYarnLock } from './yarn-lock.js';

/** `…/node_modules/name/package.json` or `…/node_modules/@scope/name/package.json`: an installed package. */
const INSTALLED = /\/node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/;
const NODE_MODULES = '/node_modules/';

const LOCKFILES: Record<string, (text: string) => LockedPackage[]> = {
  'package-lock.json': parsePackageLock,
  'npm-shrinkwrap.json': parsePackageLock,
  'yarn.lock': parseYarnLock,
  'pnpm-lock.yaml': parsePnpmLock,
};

const isInstalled = (path: string) =>
  path.endsWith('/package.json') && path.includes(NODE_MODULES) && INSTALLED.test(path);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/**
 * A project's lockfile. Not the hidden `node_modules/.package-lock.json`, nor the lockfiles
 * that installed packages carry from their own development: those under node_modules, and
 * those in the trees where distributions install libraries (Debian's /usr/share/nodejs,
 * a gem's bundled editor extension under /usr/lib/ruby), which pin what upstream built
 * with, not what this image runs.
 */
const isLockfile = (path: string) =>
  Object.hasOwn(LOCKFILES, baseName(path)) &&
  !path.includes(NODE_MODULES) &&
  !path.startsWith('/usr/share/') &&
  !path.startsWith('/usr/lib/');
const keyOf = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

/**
 * npm packages. What is installed wins: every `node_modules/**\/package.json` with a name
 * and a version is one package at that path (the same name@version installed at two
 * paths is two packages, as each can be upgraded on its own). The project's own
 * package.json is not under node_modules and is not a dependency. A lockfile
 * (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml) is read only when
 * no package is installed under its directory's node_modules: an image that ships the
 * lockfile without running the install still declares what it will run. Lockfile
 * packages carry `metadata.lockfile`, and devDependencies are left out where the format
 * marks them.
 */
export const npmCataloger: Cataloger = {
  name: 'npm',
  version: 1,
  // Installed package.json files are a few KiB; lockfiles of large monorepos reach several MiB.
  maxFileBytes: 16 * 1024 * 1024,
  wants: (path) => isInstalled(path) || isLockfile(path),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    const projectsWithInstalls = new Set<string>();
    for (const file of ctx.files) {
      if (!isInstalled(file.path)) continue;
      const result = readManifest(file.content.toString('utf8'));
      if ('error' in result) warnings.push({ path: file.path, message: `package.json ${result.error}; skipped` });
      if (!('manifest' in result)) continue;
      projectsWithInstalls.add(file.path.slice(0, file.path.indexOf(NODE_MODULES)));
      const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
        const r = readManifest(content.toString('utf8'));
        return new Set('manifest' in r ? [keyOf(r.manifest)] : []);
      });
      const pkg = toPackage(result.manifest, file, introducedBy(keyOf(result.manifest)).diffId);
      if (pkg) packages.push(pkg);
      else
        warnings.push({
          path: file.path,
          message: `package name "${result.manifest.name}" cannot be written as a purl; skipped`,
        });
    }
    packages.push(...lockfilePackages(ctx, projectsWithInstalls, warnings));
    return { packages, warnings };
  },
};

function lockfilePackages(ctx: CatalogContext, projectsWithInstalls: Set<string>, warnings: Warning[]): Package[] {
  const packages: Package[] = [];
  const seenInProject = new Map<string, Set<string>>();
  for (const file of ctx.files) {
    if (!isLockfile(file.path)) continue;
    const project = file.path.slice(0, file.path.lastIndexOf('/'));
    if (projectsWithInstalls.has(project)) continue;
    const parse = LOCKFILES[baseName(file.path)];
    let locked: LockedPackage[];
    try {
      locked = parse(file.content.toString('utf8'));
    } catch (err) {
      warnings.push({ path: file.path, message: `lockfile could not be read: ${(err as Error).message}` });
      continue;
    }
    const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
      try {
        return new Set(parse(content.toString('utf8')).map(keyOf));
      } catch {
        return new Set();
      }
    });
    // A project with both package-lock.json and yarn.lock lists each package once.
    const seen = seenInProject.get(project) ?? new Set<string>();
    seenInProject.set(project, seen);
    const unassessed: { name: string; source: DependencySource }[] = [];
    for (const p of locked) {
      if (seen.has(keyOf(p))) continue;
      seen.add(keyOf(p));
      const pkg = toPackage(p, file, introducedBy(keyOf(p)).diffId, p.source && sourceQualifiers(p.source));
      if (!pkg) continue;
      packages.push({ ...pkg, metadata: { lockfile: true, ...sourceMetadata(p.source) } });
      if (p.source) unassessed.push({ name: p.name, source: p.source });
    }
    if (unassessed.length > 0) warnings.push({ path: file.path, message: unassessedWarning(NPM_REGISTRY, unassessed) });
  }
  return packages;
}

/** `pkg:npm/%40scope/name@1.0.0`; undefined for a name no purl can hold. */
export function npmPurl(name: string, version: string, qualifiers?: Record<string, string>): string | undefined {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  try {
    return (
      slash > 0
        ? new PackageURL('npm', name.slice(0, slash), name.slice(slash + 1), version, qualifiers)
        : new PackageURL('npm', undefined, name, version, qualifiers)
    ).toString();
  } catch {
    return undefined;
  }
}

function toPackage(
  p: { name: string; version: string; licenses: string[] },
  file: WantedFile,
  introducedByLayer: string,
  qualifiers?: Record<string, string>,
): Package | undefined {
  const purl = npmPurl(p.name, p.version, qualifiers);
  if (!purl) return undefined;
  return {
    type: 'npm',
    name: p.name,
    version: p.version,
    purl,
    licenses: p.licenses,
    locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
    introducedByLayer,
    foundBy: 'npm',
  };
}

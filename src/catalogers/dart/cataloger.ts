import { PackageURL } from 'packageurl-js';
import { fileCataloger } from '../harness/file-cataloger.js';
import { parsePubspecLock, type PubPackage } from './pubspec-lock.js';

/**
 * Dart and Flutter packages, from the `pubspec.lock` an application ships: Dart compiles to
 * one binary that names no packages, so the lockfile copied beside it is what says which
 * were built in. Packages in the pub cache (`.pub-cache/hosted/…`) are the cache's, not an
 * application's, and their lockfiles are passed over.
 */
const isLockfile = (path: string) => path.endsWith('/pubspec.lock') && !path.includes('/.pub-cache/');

export const dartCataloger = fileCataloger<PubPackage>({
  name: 'dart',
  version: 2,
  maxFileBytes: 4 * 1024 * 1024,
  wants: isLockfile,
  fileKind: 'pubspec.lock',
  parse: parsePubspecLock,
  key: (p) => `${p.name}@${p.version}`,
  toPackage: (p) => ({
    type: 'pub',
    name: p.name,
    version: p.version,
    purl: new PackageURL('pub', undefined, p.name, p.version).toString(),
    licenses: [],
    metadata: { source: p.source, ...(p.dependency ? { dependency: p.dependency } : {}) },
  }),
  problem: (p, err) => `Dart package ${p.name} ${p.version} cannot be written as a purl (${err.message}); skipped`,
  outsideRegistry: { registry: { name: 'pub.dev', advisories: 'pub advisories' }, sourceOf: (p) => p.origin },
});

import { PackageURL } from 'packageurl-js';
import { FileProblem, fileCataloger } from '../harness/file-cataloger.js';
import { normalizePythonName, readDistMetadata, type DistMetadata } from './metadata.js';

/**
 * Installed distributions: wheels install `name-ver.dist-info/METADATA`; setuptools and
 * Debian's python3-* packages write `name-ver.egg-info/PKG-INFO` or a single
 * `name-ver.egg-info` file; zipped-egg installs keep `name.egg/EGG-INFO/PKG-INFO`.
 */
function isMetadataFile(path: string): boolean {
  return (
    path.endsWith('.dist-info/METADATA') ||
    path.endsWith('.egg-info/PKG-INFO') ||
    path.endsWith('.egg-info') ||
    path.endsWith('.egg/EGG-INFO/PKG-INFO')
  );
}

export const pythonCataloger = fileCataloger<DistMetadata>({
  name: 'python',
  version: 1,
  // Metadata files carry the long description (a README), rarely more than a few hundred KiB.
  maxFileBytes: 4 * 1024 * 1024,
  wants: isMetadataFile,
  fileKind: 'Python package metadata',
  parse(text) {
    const result = readDistMetadata(text);
    if ('error' in result) throw new FileProblem(`Python package metadata ${result.error}; skipped`);
    return [result.metadata];
  },
  key: (m) => `${normalizePythonName(m.name)}@${m.version}`,
  toPackage: ({ name, version, licenses }) => ({
    type: 'pypi',
    name,
    version,
    purl: new PackageURL('pypi', undefined, normalizePythonName(name), version).toString(),
    licenses,
  }),
  problem: (m, err) => `Python package ${m.name} ${m.version} cannot be written as a purl (${err.message}); skipped`,
});

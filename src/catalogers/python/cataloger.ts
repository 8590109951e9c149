import { PackageURL } from 'packageurl-js';
import { FileProblem, fileCataloger } from '../harness/file-cataloger.js';
import { sourceOfDirectUrl } from './direct-url.js';
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

const DIRECT_URL = '.dist-info/direct_url.json';

export const pythonCataloger = fileCataloger<DistMetadata>({
  name: 'python',
  version: 2,
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
  // A wheel installed from git, a local directory or an archive URL says so beside its METADATA.
  outsideRegistry: {
    registry: { name: 'PyPI', advisories: 'PyPI advisories' },
    companions: (path) => path.endsWith(DIRECT_URL),
    sourceOf(metadata, file, companion) {
      if (!file.path.endsWith('.dist-info/METADATA')) return undefined;
      const directUrl = companion(file.path.slice(0, -'/METADATA'.length) + '/direct_url.json');
      return directUrl
        ? sourceOfDirectUrl(directUrl.content.toString('utf8'), metadata.name, metadata.version)
        : undefined;
    },
  },
});

import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger } from '../types.js';
import { layerIntroducer } from '../common/introduced-by.js';
import { normalizePythonName, readDistMetadata } from './metadata.js';

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

const keyOf = (m: { name: string; version: string }) => `${normalizePythonName(m.name)}@${m.version}`;

export const pythonCataloger: Cataloger = {
  name: 'python',
  version: 1,
  // Metadata files carry the long description (a README), rarely more than a few hundred KiB.
  maxFileBytes: 4 * 1024 * 1024,
  wants: isMetadataFile,
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    for (const file of ctx.files) {
      if (!isMetadataFile(file.path)) continue;
      const result = readDistMetadata(file.content.toString('utf8'));
      if ('error' in result) {
        warnings.push({ path: file.path, message: `Python package metadata ${result.error}; skipped` });
        continue;
      }
      const { name, version, licenses } = result.metadata;
      const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
        const r = readDistMetadata(content.toString('utf8'));
        return new Set('metadata' in r ? [keyOf(r.metadata)] : []);
      });
      let purl: string;
      try {
        purl = new PackageURL('pypi', undefined, normalizePythonName(name), version).toString();
      } catch (err) {
        warnings.push({ path: file.path, message: `Python package ${name} ${version} cannot be written as a purl (${(err as Error).message}); skipped` });
        continue;
      }
      packages.push({
        type: 'pypi',
        name,
        version,
        purl,
        licenses,
        locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
        introducedByLayer: introducedBy(keyOf(result.metadata)).diffId,
        foundBy: 'python',
      });
    }
    return { packages, warnings };
  },
};

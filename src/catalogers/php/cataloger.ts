import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger } from '../types.js';
import { layerIntroducer } from '../common/introduced-by.js';
import { parseInstalledJson, type ComposerPackage } from './installed-json.js';

const INSTALLED_JSON = '/vendor/composer/installed.json';
const keyOf = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

/**
 * PHP packages Composer installed: `vendor/composer/installed.json` lists what is in
 * vendor/, dev packages included (they are on disk; `metadata.dev` marks them). The
 * project's own composer.json and composer.lock are not read: what is installed wins.
 */
export const phpCataloger: Cataloger = {
  name: 'php',
  version: 1,
  // installed.json repeats each package's composer.json; a few MiB for large applications.
  maxFileBytes: 32 * 1024 * 1024,
  wants: (path) => path.endsWith(INSTALLED_JSON),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    for (const file of ctx.files) {
      if (!file.path.endsWith(INSTALLED_JSON)) continue;
      let installed: ComposerPackage[];
      try {
        installed = parseInstalledJson(file.content.toString('utf8'));
      } catch (err) {
        warnings.push({ path: file.path, message: `Composer installed.json could not be read: ${(err as Error).message}` });
        continue;
      }
      const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
        try {
          return new Set(parseInstalledJson(content.toString('utf8')).map(keyOf));
        } catch {
          return new Set();
        }
      });
      for (const p of installed) {
        const slash = p.name.indexOf('/');
        let purl: string;
        try {
          purl = new PackageURL('composer', p.name.slice(0, slash), p.name.slice(slash + 1), p.version).toString();
        } catch {
          warnings.push({ path: file.path, message: `Composer package ${p.name} ${p.version} cannot be written as a purl; skipped` });
          continue;
        }
        const pkg: Package = {
          type: 'composer',
          name: p.name,
          version: p.version,
          purl,
          licenses: p.licenses,
          locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
          introducedByLayer: introducedBy(keyOf(p)).diffId,
          foundBy: 'php',
        };
        if (p.dev) pkg.metadata = { dev: true };
        packages.push(pkg);
      }
    }
    return { packages, warnings };
  },
};

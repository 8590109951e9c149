import { PackageURL } from 'packageurl-js';
import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger } from '../types.js';
import { layerIntroducer } from '../common/introduced-by.js';
import { readGemspec } from './gemspec.js';

/**
 * Installed gems: RubyGems writes one `specifications/<gem>.gemspec` per installed gem
 * (GEM_HOME, Debian's rubygems-integration dirs, bundler's vendor/bundle). Default gems,
 * the ones built into Ruby (`specifications/default/`), are reported too, marked
 * `metadata.defaultGem`: they are updatable gems with advisories of their own (cgi, uri,
 * net-http ...), and Trivy and Syft report them as well.
 */
const GEMSPEC = /\/specifications\/(default\/)?[^/]+\.gemspec$/;

const keyOf = (g: { name: string; version: string }) => `${g.name}@${g.version}`;

export const rubyCataloger: Cataloger = {
  name: 'ruby',
  version: 1,
  // Generated gemspecs are a few KiB; the longest list every file of the gem.
  maxFileBytes: 2 * 1024 * 1024,
  wants: (path) => path.endsWith('.gemspec') && GEMSPEC.test(path),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    for (const file of ctx.files) {
      const match = GEMSPEC.exec(file.path);
      if (!match) continue;
      const gem = readGemspec(file.content.toString('utf8'));
      if ('error' in gem) {
        warnings.push({ path: file.path, message: `gemspec ${gem.error}; skipped` });
        continue;
      }
      let purl: string;
      try {
        purl = new PackageURL('gem', undefined, gem.name, gem.version).toString();
      } catch (err) {
        warnings.push({ path: file.path, message: `gem ${gem.name} ${gem.version} cannot be written as a purl (${(err as Error).message}); skipped` });
        continue;
      }
      const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => {
        const g = readGemspec(content.toString('utf8'));
        return new Set('error' in g ? [] : [keyOf(g)]);
      });
      const pkg: Package = {
        type: 'gem',
        name: gem.name,
        version: gem.version,
        purl,
        licenses: gem.licenses,
        locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
        introducedByLayer: introducedBy(keyOf(gem)).diffId,
        foundBy: 'ruby',
      };
      if (match[1]) pkg.metadata = { defaultGem: true };
      packages.push(pkg);
    }
    return { packages, warnings };
  },
};

import { PackageURL } from 'packageurl-js';
import { FileProblem, fileCataloger } from '../harness/file-cataloger.js';
import { readGemspec, type Gemspec } from './gemspec.js';

/**
 * Installed gems: RubyGems writes one `specifications/<gem>.gemspec` per installed gem
 * (GEM_HOME, Debian's rubygems-integration dirs, bundler's vendor/bundle). Default gems,
 * the ones built into Ruby (`specifications/default/`), are reported too, marked
 * `metadata.defaultGem`: they are updatable gems with advisories of their own (cgi, uri,
 * net-http ...), and Trivy and Syft report them as well.
 */
const GEMSPEC = /\/specifications\/(default\/)?[^/]+\.gemspec$/;

export const rubyCataloger = fileCataloger<Gemspec>({
  name: 'ruby',
  version: 1,
  // Generated gemspecs are a few KiB; the longest list every file of the gem.
  maxFileBytes: 2 * 1024 * 1024,
  wants: (path) => path.endsWith('.gemspec') && GEMSPEC.test(path),
  fileKind: 'gemspec',
  parse(text) {
    const gem = readGemspec(text);
    if ('error' in gem) throw new FileProblem(`gemspec ${gem.error}; skipped`);
    return [gem];
  },
  key: (g) => `${g.name}@${g.version}`,
  toPackage: (gem, file) => ({
    type: 'gem',
    name: gem.name,
    version: gem.version,
    purl: new PackageURL('gem', undefined, gem.name, gem.version).toString(),
    licenses: gem.licenses,
    ...(GEMSPEC.exec(file.path)?.[1] ? { metadata: { defaultGem: true } } : {}),
  }),
  problem: (gem, err) => `gem ${gem.name} ${gem.version} cannot be written as a purl (${err.message}); skipped`,
});

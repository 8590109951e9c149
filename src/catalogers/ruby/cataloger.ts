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
/**
 * A gem Bundler installed from a git repository has no spec in `specifications/`: it is
 * checked out as `bundler/gems/<name>-<first 12 hex of the commit>/` with the repository's
 * own gemspec at its top. Its version is whatever that branch says, not a rubygems.org
 * release, so it is listed as from git, not matched, and warned about.
 */
const BUNDLER_GIT = /\/bundler\/gems\/([^/]+)-([0-9a-f]{12})\/[^/]+\.gemspec$/;
const RUBYGEMS = { name: 'rubygems.org', advisories: 'RubyGems advisories' };

export const rubyCataloger = fileCataloger<Gemspec>({
  name: 'ruby',
  version: 2,
  // Generated gemspecs are a few KiB; the longest list every file of the gem.
  maxFileBytes: 2 * 1024 * 1024,
  wants: (path) => path.endsWith('.gemspec') && (GEMSPEC.test(path) || BUNDLER_GIT.test(path)),
  fileKind: 'gemspec',
  parse(text, path) {
    const gem = readGemspec(text);
    const checkout = BUNDLER_GIT.exec(path);
    if ('error' in gem && checkout) {
      // A repository's gemspec often sets the version in code (`s.version = Foo::VERSION`).
      throw new FileProblem(
        `gem ${checkout[1]} was installed by Bundler from a git repository (commit ${checkout[2]}) and its gemspec ${gem.error}: ` +
          `it is not listed, and its vulnerabilities could not be assessed`,
      );
    }
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
  outsideRegistry: {
    registry: RUBYGEMS,
    sourceOf(_gem, file) {
      const checkout = BUNDLER_GIT.exec(file.path);
      return checkout ? { kind: 'git', ref: `bundler checkout of commit ${checkout[2]}` } : undefined;
    },
  },
});

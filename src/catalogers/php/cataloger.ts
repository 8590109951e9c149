import { PackageURL } from 'packageurl-js';
import { fileCataloger } from '../harness/file-cataloger.js';
import { parseInstalledJson, type ComposerPackage } from './installed-json.js';

const INSTALLED_JSON = '/vendor/composer/installed.json';

/**
 * PHP packages Composer installed: `vendor/composer/installed.json` lists what is in
 * vendor/, dev packages included (they are on disk; `metadata.dev` marks them). The
 * project's own composer.json and composer.lock are not read: what is installed wins.
 */
export const phpCataloger = fileCataloger<ComposerPackage>({
  name: 'php',
  version: 2,
  // installed.json repeats each package's composer.json; a few MiB for large applications.
  maxFileBytes: 32 * 1024 * 1024,
  wants: (path) => path.endsWith(INSTALLED_JSON),
  fileKind: 'Composer installed.json',
  parse: parseInstalledJson,
  key: (p) => `${p.name}@${p.version}`,
  toPackage(p) {
    const slash = p.name.indexOf('/');
    return {
      type: 'composer',
      name: p.name,
      version: p.version,
      purl: new PackageURL('composer', p.name.slice(0, slash), p.name.slice(slash + 1), p.version).toString(),
      licenses: p.licenses,
      ...(p.dev ? { metadata: { dev: true } } : {}),
    };
  },
  problem: (p) => `Composer package ${p.name} ${p.version} cannot be written as a purl; skipped`,
  outsideRegistry: {
    registry: { name: 'a Composer repository', advisories: 'Packagist advisories' },
    sourceOf: (p) => p.origin,
  },
});

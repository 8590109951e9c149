import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvedOutsideRegistry } from '../../match/non-registry.js';
import { contextFromLayers, testLayer } from '../common/testdata/context.js';
import { phpCataloger } from './cataloger.js';
import { parseInstalledJson } from './installed-json.js';
import { DOKUWIKI_INSTALLED_JSON, dokuwikiInstalledJson } from './testdata/debian-dokuwiki.js';

/** installed.json files we wrote in Composer 1 and Composer 2 layout (see testdata/README.md). */
const v2 = readFileSync(path.join(import.meta.dirname, 'testdata', 'composer2', 'installed.json'));
const v1 = readFileSync(path.join(import.meta.dirname, 'testdata', 'composer1', 'installed.json'));

describe('parseInstalledJson', () => {
  it('reads Composer 2 ({packages, dev-package-names}) and marks dev packages', () => {
    const found = parseInstalledJson(v2.toString('utf8'));
    expect(found).toHaveLength(16);
    expect(found.find((p) => p.name === 'monolog/monolog')).toEqual({
      name: 'monolog/monolog',
      version: '2.9.1',
      licenses: ['MIT'],
      dev: false,
    });
    expect(found.find((p) => p.name === 'phpunit/phpunit')).toEqual({
      name: 'phpunit/phpunit',
      version: '9.6.3',
      licenses: ['BSD-3-Clause'],
      dev: true,
    });
    expect(found.filter((p) => p.dev).map((p) => p.name)).toEqual([
      'doctrine/instantiator',
      'myclabs/deep-copy',
      'nikic/php-parser',
      'phpunit/phpunit',
      'sebastian/diff',
    ]);
    expect(found.filter((p) => !p.dev)).toHaveLength(11);
  });

  it('reads the installed.json Debian ships in its dokuwiki package (Composer 2, no dev packages)', () => {
    const found = parseInstalledJson(dokuwikiInstalledJson().toString('utf8'));
    expect(found).toHaveLength(10);
    expect(found.every((p) => !p.dev)).toBe(true);
    expect(found.find((p) => p.name === 'phpseclib/phpseclib')).toEqual({
      name: 'phpseclib/phpseclib',
      version: '2.0.31',
      licenses: ['MIT'],
      dev: false,
    });
    // A branch install and a dual-licensed package, as Composer records them.
    expect(found.find((p) => p.name === 'geshi/geshi')?.version).toBe('dev-master');
    expect(found.find((p) => p.name === 'marcusschwarz/lesserphp')?.licenses).toEqual(['MIT', 'GPL-3.0']);
  });

  it('reads Composer 1 (a plain array), with a license given as a single string', () => {
    const found = parseInstalledJson(v1.toString('utf8'));
    expect(found).toHaveLength(8);
    expect(found[0]).toEqual({ name: 'psr/http-message', version: '1.0.1', licenses: ['MIT'], dev: false });
    expect(found.find((p) => p.name === 'psr/log')).toEqual({
      name: 'psr/log',
      version: '1.1.3',
      licenses: ['MIT'],
      dev: false,
    });
    expect(found.some((p) => p.dev)).toBe(false);
  });

  it('rejects other JSON', () => {
    expect(() => parseInstalledJson('{"name": "x"}')).toThrow(/neither a package array/);
  });
});

describe('phpCataloger', () => {
  it('reports composer packages with vendor-namespaced purls from vendor/composer/installed.json', () => {
    const at = '/var/www/html/vendor/composer/installed.json';
    expect(phpCataloger.wants(at)).toBe(true);
    expect(phpCataloger.wants('/var/www/html/composer.lock')).toBe(false);
    const { packages, warnings } = phpCataloger.catalog(
      contextFromLayers([{ [at]: v2 }], undefined, phpCataloger.wants),
    );
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(16);
    expect(packages.find((p) => p.name === 'nikic/php-parser')).toMatchObject({
      type: 'composer',
      version: 'v4.15.3',
      purl: 'pkg:composer/nikic/php-parser@v4.15.3',
      metadata: { dev: true },
      foundBy: 'php',
      locations: [{ path: at, layerDiffId: testLayer(0).diffId }],
    });
  });

  it('catalogs the dokuwiki vendor tree at the path Debian installs it', () => {
    expect(phpCataloger.wants(DOKUWIKI_INSTALLED_JSON)).toBe(true);
    const { packages, warnings } = phpCataloger.catalog(
      contextFromLayers([{ [DOKUWIKI_INSTALLED_JSON]: dokuwikiInstalledJson() }], undefined, phpCataloger.wants),
    );
    expect(warnings).toEqual([]);
    expect(packages.map((p) => p.purl)).toContain('pkg:composer/simplepie/simplepie@1.5.6');
    expect(packages).toHaveLength(10);
  });
});

describe('Composer packages from outside a Composer repository', () => {
  /** What real Composer wrote for path, vcs and artifact repositories (testdata/README.md). */
  const outside = readFileSync(path.join(import.meta.dirname, 'testdata', 'outside', 'installed.json'));
  const AT = '/srv/app/vendor/composer/installed.json';

  it('are listed with where Composer got them, unmatched, and named in one warning on installed.json', () => {
    const ctx = contextFromLayers([{ [AT]: outside }], undefined, phpCataloger.wants);
    const { packages, warnings } = phpCataloger.catalog(ctx);
    expect(packages.map((p) => [p.purl, p.metadata, resolvedOutsideRegistry(p)])).toEqual([
      ['pkg:composer/guzzlehttp/guzzle@6.5.0', { resolvedFrom: 'file', resolvedRef: '../pkgs/guzzle' }, 'file'],
      [
        'pkg:composer/monolog/monolog@1.25.0',
        { resolvedFrom: 'file', resolvedRef: '../artifacts/monolog-1.25.0.zip' },
        'file',
      ],
      [
        `pkg:composer/symfony/http-foundation@v4.4.0?vcs_url=${encodeURIComponent('git+/srv/php/vcs/http-foundation#686455289d8391b90a3d4ffdd0aff64716459f36')}`,
        { resolvedFrom: 'git', resolvedRef: '/srv/php/vcs/http-foundation#686455289d8391b90a3d4ffdd0aff64716459f36' },
        'git',
      ],
    ]);
    expect(warnings).toEqual([
      {
        path: AT,
        message:
          '3 dependencies are not from a Composer repository, so Packagist advisories do not apply and their vulnerabilities could not be assessed: ' +
          'guzzlehttp/guzzle (a local path: ../pkgs/guzzle), monolog/monolog (a local path: ../artifacts/monolog-1.25.0.zip), ' +
          'symfony/http-foundation (a git repository: /srv/php/vcs/http-foundation#686455289d8391b90a3d4ffdd0aff64716459f36)',
      },
    ]);
  });

  it("keeps Packagist's packages and another repository's matched: they carry a notification-url", () => {
    for (const file of [v1, v2, dokuwikiInstalledJson()])
      expect(parseInstalledJson(file.toString('utf8')).filter((p) => p.origin)).toEqual([]);
    const drupal = {
      name: 'drupal/token',
      version: '1.9.0',
      dist: { type: 'zip', url: 'https://ftp.drupal.org/files/projects/token-8.x-1.9.zip' },
      source: { type: 'git', url: 'https://git.drupalcode.org/project/token.git', reference: '8.x-1.9' },
      'notification-url': 'https://packages.drupal.org/8/downloads',
    };
    expect(parseInstalledJson(JSON.stringify({ packages: [drupal] }))[0].origin).toBeUndefined();
    const hg = {
      name: 'acme/lib',
      version: '1.0.0',
      source: { type: 'hg', url: 'https://hg.example/lib', reference: 'a1' },
    };
    expect(parseInstalledJson(JSON.stringify([hg]))[0].origin).toEqual({
      kind: 'vcs',
      ref: 'hg+https://hg.example/lib#a1',
    });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromLayers, testLayer } from '../common/testdata/context.js';
import { phpCataloger } from './cataloger.js';
import { parseInstalledJson } from './installed-json.js';

/** Real vendor/composer/installed.json files committed to public repositories (see testdata/README.md). */
const v2 = readFileSync(path.join(import.meta.dirname, 'testdata', 'composer2', 'installed.json'));
const v1 = readFileSync(path.join(import.meta.dirname, 'testdata', 'composer1', 'installed.json'));

describe('parseInstalledJson', () => {
  it('reads Composer 2 ({packages, dev-package-names}) and marks dev packages', () => {
    const found = parseInstalledJson(v2.toString('utf8'));
    expect(found).toHaveLength(37);
    expect(found.find((p) => p.name === 'monolog/monolog')).toEqual({ name: 'monolog/monolog', version: '3.4.0', licenses: ['MIT'], dev: false });
    expect(found.find((p) => p.name === 'phpunit/phpunit')).toEqual({ name: 'phpunit/phpunit', version: '9.5.8', licenses: ['BSD-3-Clause'], dev: true });
    expect(found.filter((p) => !p.dev).map((p) => p.name)).toEqual(['monolog/monolog', 'psr/log']);
  });

  it('reads Composer 1 (a plain array)', () => {
    const found = parseInstalledJson(v1.toString('utf8'));
    expect(found).toHaveLength(27);
    expect(found[0]).toEqual({ name: 'sebastian/version', version: '2.0.1', licenses: ['BSD-3-Clause'], dev: false });
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
    const { packages, warnings } = phpCataloger.catalog(contextFromLayers([{ [at]: v2 }], undefined, phpCataloger.wants));
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(37);
    expect(packages.find((p) => p.name === 'nikic/php-parser')).toMatchObject({
      type: 'composer',
      version: 'v4.17.1',
      purl: 'pkg:composer/nikic/php-parser@v4.17.1',
      metadata: { dev: true },
      foundBy: 'php',
      locations: [{ path: at, layerDiffId: testLayer(0).diffId }],
    });
  });
});

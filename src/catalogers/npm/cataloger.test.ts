import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contextFromLayers, testLayer } from '../common/testdata/context.js';
import { npmCataloger } from './cataloger.js';
import { readManifest } from './package-json.js';
import { fixtureImage, layerFiles } from './testdata/fixture-files.js';

const MEMBERS = [
  'app/package.json',
  'app/package-lock.json',
  'app/node_modules/lodash/package.json',
  'app/node_modules/@babel/code-frame/package.json',
  'app/node_modules/utils-merge/package.json',
  'app/node_modules/flatted/cjs/package.json',
  'app/node_modules/@babel/highlight/node_modules/chalk/package.json',
];
let real: Record<string, Buffer>;
beforeAll(() => {
  real = layerFiles(fixtureImage('app.docker.tar'), 2, MEMBERS);
});
const at = (member: string) => ({ [`/${member}`]: real[member] });

describe('npmCataloger.wants', () => {
  it('takes package.json of installed packages (scoped, nested) and project lockfiles only', () => {
    const yes = [
      '/app/node_modules/lodash/package.json',
      '/app/node_modules/@babel/code-frame/package.json',
      '/app/node_modules/@babel/highlight/node_modules/chalk/package.json',
      '/usr/share/nodejs/npm/node_modules/semver/package.json',
      '/app/package-lock.json',
      '/srv/web/yarn.lock',
      '/srv/web/pnpm-lock.yaml',
      '/srv/web/npm-shrinkwrap.json',
    ];
    const no = [
      '/app/package.json', // the project
      '/app/node_modules/flatted/cjs/package.json', // a module-type stub inside a package
      '/app/node_modules/.package-lock.json',
      '/app/node_modules/uri-js/yarn.lock', // the dependency's own development lockfile
      '/usr/share/nodejs/browserslist/pnpm-lock.yaml',
      '/usr/share/nodejs/lodash/package.json', // Debian's layout, not node_modules
    ];
    for (const p of yes) expect(npmCataloger.wants(p), p).toBe(true);
    for (const p of no) expect(npmCataloger.wants(p), p).toBe(false);
  });
});

describe('readManifest', () => {
  it('reads name, version and license of real package.json files', () => {
    expect(readManifest(real['app/node_modules/@babel/code-frame/package.json'].toString())).toEqual({
      manifest: { name: '@babel/code-frame', version: '7.12.11', licenses: ['MIT'] },
    });
    // utils-merge declares both `license` and the legacy `licenses: [{type, url}]`.
    expect(readManifest(real['app/node_modules/utils-merge/package.json'].toString())).toEqual({
      manifest: { name: 'utils-merge', version: '1.0.1', licenses: ['MIT'] },
    });
    expect(readManifest(real['app/node_modules/flatted/cjs/package.json'].toString())).toEqual({
      skipped: 'no name or version',
    });
    expect(readManifest('{"name": "x", ')).toMatchObject({ error: expect.stringMatching(/^not valid JSON/) });
  });
});

describe('npmCataloger.catalog', () => {
  it('reports each installed package at its path with an npm purl, not the project', () => {
    const layer = {
      ...at('app/package.json'),
      ...at('app/node_modules/lodash/package.json'),
      ...at('app/node_modules/@babel/code-frame/package.json'),
      ...at('app/node_modules/@babel/highlight/node_modules/chalk/package.json'),
    };
    const { packages, warnings } = npmCataloger.catalog(contextFromLayers([layer], undefined, npmCataloger.wants));
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.purl, p.locations[0].path])).toEqual([
      [
        '@babel/code-frame',
        '7.12.11',
        'pkg:npm/%40babel/code-frame@7.12.11',
        '/app/node_modules/@babel/code-frame/package.json',
      ],
      ['chalk', '2.4.2', 'pkg:npm/chalk@2.4.2', '/app/node_modules/@babel/highlight/node_modules/chalk/package.json'],
      ['lodash', '4.17.15', 'pkg:npm/lodash@4.17.15', '/app/node_modules/lodash/package.json'],
    ]);
    expect(packages[2]).toMatchObject({
      type: 'npm',
      licenses: ['MIT'],
      foundBy: 'npm',
      introducedByLayer: testLayer(0).diffId,
    });
  });

  it('reads the lockfile only when nothing is installed under its project', () => {
    const lock = at('app/package-lock.json');
    const withInstall = npmCataloger.catalog(
      contextFromLayers([{ ...lock, ...at('app/node_modules/lodash/package.json') }], undefined, npmCataloger.wants),
    );
    expect(withInstall.packages.map((p) => p.name)).toEqual(['lodash']);
    const lockOnly = npmCataloger.catalog(contextFromLayers([lock], undefined, npmCataloger.wants)).packages;
    expect(lockOnly).toHaveLength(208);
    expect(
      lockOnly.every((p) => p.metadata?.lockfile === true && p.locations[0].path === '/app/package-lock.json'),
    ).toBe(true);
    expect(lockOnly.find((p) => p.name === 'node-fetch')?.purl).toBe('pkg:npm/node-fetch@2.6.0');
  });

  it('dates a package from the layer that installed its current version', () => {
    const lodash = real['app/node_modules/lodash/package.json'].toString();
    const older = lodash.replace('"version": "4.17.15"', '"version": "4.17.11"');
    expect(older).not.toBe(lodash);
    const p = '/app/node_modules/lodash/package.json';
    const { packages } = npmCataloger.catalog(
      contextFromLayers([{ [p]: older }, { [p]: lodash }, { '/etc/motd': 'x' }], undefined, npmCataloger.wants),
    );
    expect(packages.map((x) => [x.version, x.introducedByLayer, x.locations[0].layerDiffId])).toEqual([
      ['4.17.15', testLayer(1).diffId, testLayer(1).diffId],
    ]);
    // Deleted by a later layer: gone.
    expect(
      npmCataloger.catalog(contextFromLayers([{ [p]: lodash }, { [p]: null }], undefined, npmCataloger.wants)).packages,
    ).toEqual([]);
  });

  it('warns about a package.json that is not JSON and goes on', () => {
    const broken = {
      '/app/node_modules/bad/package.json': '{"name": "bad", "version": ',
      ...at('app/node_modules/lodash/package.json'),
    };
    const { packages, warnings } = npmCataloger.catalog(contextFromLayers([broken], undefined, npmCataloger.wants));
    expect(packages.map((p) => p.name)).toEqual(['lodash']);
    expect(warnings).toEqual([
      {
        path: '/app/node_modules/bad/package.json',
        message: expect.stringMatching(/^package.json not valid JSON: .*; skipped$/),
      },
    ]);
  });

  it('reads lockfiles of the three managers, from the testdata the real clients wrote', () => {
    const read = (name: string) => readFileSync(path.join(import.meta.dirname, 'testdata', name));
    const ctx = contextFromLayers(
      [{ '/srv/a/pnpm-lock.yaml': read('pnpm9/pnpm-lock.yaml'), '/srv/b/yarn.lock': read('berry/yarn.lock') }],
      undefined,
      npmCataloger.wants,
    );
    const { packages, warnings } = npmCataloger.catalog(ctx);
    expect(warnings).toEqual([]);
    expect(packages.filter((p) => p.locations[0].path === '/srv/a/pnpm-lock.yaml')).toHaveLength(19);
    expect(packages.filter((p) => p.locations[0].path === '/srv/b/yarn.lock')).toHaveLength(19);
  });
});

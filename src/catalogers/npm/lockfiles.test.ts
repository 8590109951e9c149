import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePackageLock } from './package-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parseYarnLock } from './yarn-lock.js';
import { fixtureImage, layerFiles, truthTsv } from './testdata/fixture-files.js';

const ids = (list: { name: string; version: string }[]) => list.map((p) => `${p.name}@${p.version}`);
const testdata = (name: string) => readFileSync(path.join(import.meta.dirname, 'testdata', name), 'utf8');

/** Real lockfiles as the fixture images carry them (app layer 1: Debian's node packages; layer 2: the npm install). */
let app: Record<string, string>;
let typeprofLock: string;
beforeAll(() => {
  const debian = layerFiles(fixtureImage('app.docker.tar'), 1, [
    'usr/share/nodejs/lodash-cli/npm-shrinkwrap.json',
    'usr/share/nodejs/browserslist/pnpm-lock.yaml',
  ]);
  const project = layerFiles(fixtureImage('app.docker.tar'), 2, [
    'app/package-lock.json',
    'app/node_modules/uri-js/yarn.lock',
  ]);
  app = Object.fromEntries(Object.entries({ ...debian, ...project }).map(([k, v]) => [k, v.toString('utf8')]));
  typeprofLock = layerFiles(fixtureImage('big.docker.tar'), 1, [
    'usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json',
  ])['usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json'].toString('utf8');
});

describe('parsePackageLock', () => {
  it('v3 (npm 9): lists what `npm install` put under /app/node_modules, the project itself left out', () => {
    const locked = new Set(ids(parsePackageLock(app['app/package-lock.json'])));
    // The image's node_modules before layer (c) deleted node-fetch: exactly the lockfile's packages.
    const installed = truthTsv('app', 'node.tsv')
      .filter((r) => r[2] === 'node_modules' && r[1].startsWith('/app/node_modules/'))
      .map((r) => r[0]);
    expect(locked).toEqual(new Set([...installed, 'node-fetch@2.6.0']));
    expect(locked.has('fixture-app@1.0.0')).toBe(false);
  });

  it('v2 (typeprof vscode extension, shipped by libruby3.1): skips the 320 dev entries, keeps nested installs', () => {
    const locked = parsePackageLock(typeprofLock);
    // As python's json module lists the non-dev "packages" entries of that file.
    expect(ids(locked)).toEqual([
      'balanced-match@1.0.2',
      'brace-expansion@1.1.11',
      'concat-map@0.0.1',
      'lru-cache@6.0.0',
      'minimatch@3.0.4',
      'vscode-jsonrpc@6.0.0',
      'vscode-languageclient@7.0.0',
      'semver@7.3.5', // node_modules/vscode-languageclient/node_modules/semver
      'vscode-languageserver-protocol@3.16.0',
      'vscode-languageserver-types@3.16.0',
      'yallist@4.0.0',
    ]);
  });

  it('v1 (lodash-cli npm-shrinkwrap.json): walks nested dependencies, skipping dev ones', () => {
    const locked = ids(parsePackageLock(app['usr/share/nodejs/lodash-cli/npm-shrinkwrap.json']));
    expect(locked).toHaveLength(33);
    expect(locked).toContain('closure-compiler@0.2.12');
    expect(locked).toContain('google-closure-compiler@20150901.0.0'); // nested under closure-compiler
    expect(locked).not.toContain('babel-cli@6.26.0'); // dev
  });

  it('rejects JSON that is no lockfile', () => {
    expect(() => parsePackageLock('{"name": "x"}')).toThrow(/not an npm lockfile/);
    expect(() => parsePackageLock('[1]')).toThrow(/not a JSON object/);
  });
});

describe('parseYarnLock', () => {
  it('classic v1 (uri-js): one package per resolved version, from multi-descriptor headers', () => {
    const locked = ids(parseYarnLock(app['app/node_modules/uri-js/yarn.lock']));
    expect(locked).toHaveLength(360);
    expect(locked.slice(0, 3)).toEqual(['@ungap/promise-all-settled@1.1.2', 'align-text@0.1.4', 'ansi-colors@4.1.1']);
    expect(new Set(locked).size).toBe(locked.length);
  });

  it('berry (yarn 4.5.3): npm resolutions only, aliases under their real name, the workspace left out', () => {
    const locked = ids(parseYarnLock(testdata('berry/yarn.lock')));
    expect(locked).toContain('string-width@4.2.3'); // "string-width-cjs@npm:string-width@^4.2.0"
    expect(locked).toContain('ms@2.1.3'); // berry does not mark devDependencies
    expect(locked.some((p) => p.startsWith('lock-sample@') || p.startsWith('string-width-cjs'))).toBe(false);
    expect(locked).toHaveLength(19);
  });
});

describe('parsePnpmLock', () => {
  it('5.4 (browserslist, shipped by Debian): /name/version keys, dev entries skipped', () => {
    expect(ids(parsePnpmLock(app['usr/share/nodejs/browserslist/pnpm-lock.yaml']))).toEqual([
      'caniuse-lite@1.0.30001400',
      'electron-to-chromium@1.4.251',
      'escalade@3.1.1',
      'node-releases@2.0.6',
      'picocolors@1.0.0',
      'update-browserslist-db@1.0.9',
    ]);
  });

  it('6.0 (pnpm 8) and 9.0 (pnpm 9) of the same project agree, but for the devDependency 6.0 marks', () => {
    const v6 = ids(parsePnpmLock(testdata('pnpm8/pnpm-lock.yaml')));
    const v9 = ids(parsePnpmLock(testdata('pnpm9/pnpm-lock.yaml')));
    expect(v6).toContain('@babel/code-frame@7.12.11');
    expect(v6).toContain('string-width@4.2.3');
    expect(v6).not.toContain('ms@2.1.3');
    expect(v9).toEqual([...v6, 'ms@2.1.3'].sort());
    expect(v9).toEqual(ids(parseYarnLock(testdata('berry/yarn.lock'))).sort());
  });

  it('rejects YAML that is no pnpm lockfile', () => {
    expect(() => parsePnpmLock('packages: {}\n')).toThrow(/not a pnpm lockfile/);
  });
});

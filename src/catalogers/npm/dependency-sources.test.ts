import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceOfSpec } from './dependency-source.js';
import { parsePackageLock } from './package-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parseYarnLock } from './yarn-lock.js';
import type { LockedPackage } from './package-lock.js';

/** `name version [kind ref]`, one per locked package, in the parser's order. */
const rows = (list: LockedPackage[]) =>
  list.map((p) => [p.name, p.version, ...(p.source ? [p.source.kind, p.source.ref] : [])].join(' '));
const lockfile = (dir: string, name: string) =>
  readFileSync(path.join(import.meta.dirname, 'testdata/sources', dir, name), 'utf8');

const GIT = 'git+file:///tmp/lockgen/git/path-to-regexp.git#710b013abea3746a80fa26872c2e7de31934106d';
const PNPM_GIT = 'file:///tmp/lockgen/git/path-to-regexp.git#710b013abea3746a80fa26872c2e7de31934106d';
const TARBALL = 'http://127.0.0.1:8765/semver-5.7.1.tgz';

// One project locked by each real client (testdata/README.md): minimist and a scoped package
// from the registry; semver from a tarball URL, path-to-regexp from git, ws from a `file:`
// directory, braces linked, body-parser a workspace member — each named as a registry
// package with an advisory in ../shared/feeds, which must not be matched.
describe('non-registry dependencies, as each client locks them', () => {
  it('package-lock.json v3 (npm 10): links, git and the tarball URL the root spec names', () => {
    expect(rows(parsePackageLock(lockfile('npm', 'package-lock.json')))).toEqual([
      '@babel/helper-validator-identifier 7.22.5',
      'body-parser 1.19.0 workspace packages/body-parser',
      'braces 2.3.2 file file:vendor/braces',
      'minimist 1.2.5',
      `path-to-regexp 0.1.7 git ${GIT}`,
      `semver 5.7.1 tarball ${TARBALL}`,
      'ws 7.4.0 file file:vendor/ws',
    ]);
  });

  it('yarn.lock v1 (yarn 1.22.19): the source from the descriptor, the git commit from `resolved`', () => {
    expect(rows(parseYarnLock(lockfile('yarn1', 'yarn.lock')))).toEqual([
      '@babel/helper-validator-identifier 7.22.5',
      // yarn 1 records `version "0.0.0"` for a link: a placeholder, so the reference stands in.
      'braces link:./vendor/braces link link:./vendor/braces',
      'minimist 1.2.5',
      `path-to-regexp 0.1.7 git ${GIT}`,
      `semver 5.7.1 tarball ${TARBALL}`,
      'ws 7.4.0 file file:./vendor/ws',
    ]);
  });

  it('yarn.lock berry (yarn 4.5.3): every protocol but npm is a source; the root workspace is the project', () => {
    expect(rows(parseYarnLock(lockfile('berry', 'yarn.lock')))).toEqual([
      '@babel/helper-validator-identifier 7.22.5',
      'body-parser workspace:packages/body-parser workspace workspace:packages/body-parser',
      'braces link:./vendor/braces link link:./vendor/braces',
      'minimist 1.2.5',
      `semver 5.7.1 tarball ${TARBALL}`,
      'ws 7.4.0 file file:./vendor/ws#./vendor/ws',
    ]);
  });

  it('pnpm-lock.yaml 5.4 (pnpm 7.33.7): names of nameless git entries from the importers', () => {
    expect(rows(parsePnpmLock(lockfile('pnpm7', 'pnpm-lock.yaml')))).toEqual([
      '@babel/helper-validator-identifier 7.22.5',
      'minimist 1.2.5',
      `path-to-regexp ${PNPM_GIT} git ${PNPM_GIT}`,
      `semver 5.7.1 tarball ${TARBALL}`,
      'ws 7.4.0 file file:vendor/ws',
      'body-parser link:packages/body-parser workspace link:packages/body-parser',
      'braces link:vendor/braces link link:vendor/braces',
    ]);
  });

  it('pnpm-lock.yaml 6.0 (pnpm 8.15.9) and 9.0 (pnpm 9.15.9)', () => {
    const local = [
      'ws file:vendor/ws file file:vendor/ws',
      'body-parser link:packages/body-parser workspace link:packages/body-parser',
      'braces link:vendor/braces link link:vendor/braces',
    ];
    const registry = ['@babel/helper-validator-identifier 7.22.5', 'minimist 1.2.5'];
    expect(rows(parsePnpmLock(lockfile('pnpm8', 'pnpm-lock.yaml')))).toEqual([
      ...registry,
      `semver 5.7.1 tarball ${TARBALL}`,
      ...local,
    ]);
    expect(rows(parsePnpmLock(lockfile('pnpm9', 'pnpm-lock.yaml')))).toEqual([
      ...registry,
      `path-to-regexp 0.1.7 git ${PNPM_GIT}`,
      `semver 5.7.1 tarball ${TARBALL}`,
      ...local,
    ]);
  });
});

describe('formats the clients above could not write offline, by hand in their exact format', () => {
  it('berry git resolution (yarn 4: `#commit=`), a scoped npm package, multiple descriptors per key', () => {
    const lock = [
      '__metadata:',
      '  version: 8',
      '  cacheKey: 10c0',
      '',
      '"@babel/core@npm:^7.1.0, @babel/core@npm:^7.1.2":',
      '  version: 7.1.2',
      '  resolution: "@babel/core@npm:7.1.2"',
      '  languageName: node',
      '  linkType: hard',
      '',
      '"ws@https://github.com/websockets/ws.git#7.4.0":',
      '  version: 7.4.0',
      '  resolution: "ws@https://github.com/websockets/ws.git#commit=a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6"',
      '  languageName: node',
      '  linkType: hard',
      '',
      '"lodash@patch:lodash@npm%3A4.17.20#~/.yarn/patches/lodash-npm-4.17.20.patch::locator=app%40workspace%3A.":',
      '  version: 4.17.20',
      '  resolution: "lodash@patch:lodash@npm%3A4.17.20#~/.yarn/patches/lodash-npm-4.17.20.patch::version=4.17.20&hash=1f2e3d&locator=app%40workspace%3A."',
      '  languageName: node',
      '  linkType: hard',
      '',
      '"lodash@npm:4.17.20":',
      '  version: 4.17.20',
      '  resolution: "lodash@npm:4.17.20"',
      '  languageName: node',
      '  linkType: hard',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  languageName: unknown',
      '  linkType: soft',
      '',
    ].join('\n');
    expect(rows(parseYarnLock(lock))).toEqual([
      '@babel/core 7.1.2',
      'ws 7.4.0 git https://github.com/websockets/ws.git#commit=a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6',
      // The patched copy is the npm entry it patches, listed once.
      'lodash 4.17.20',
    ]);
  });

  it('quoted field names and values, in both syntaxes (as lockfile-writing tools other than yarn emit them)', () => {
    const v1 =
      '# yarn lockfile v1\n\n"minimist@^1.2.0":\n  "version" "1.2.5"\n  "resolved" "https://registry.yarnpkg.com/minimist/-/minimist-1.2.5.tgz"\n';
    expect(rows(parseYarnLock(v1))).toEqual(['minimist 1.2.5']);
    const berry =
      '__metadata:\n  version: 6\n\n"semver@npm:^5.7.0":\n  "version": 5.7.1\n  "resolution": "semver@npm:5.7.1"\n';
    expect(rows(parseYarnLock(berry))).toEqual(['semver 5.7.1']);
  });

  it('yarn v1 GitHub shorthand, resolved to a codeload tarball', () => {
    const lock = [
      '# yarn lockfile v1',
      '',
      '',
      'ws@websockets/ws#7.4.0:',
      '  version "7.4.0"',
      '  resolved "https://codeload.github.com/websockets/ws/tar.gz/a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6"',
      '',
    ].join('\n');
    expect(rows(parseYarnLock(lock))).toEqual([
      'ws 7.4.0 git https://codeload.github.com/websockets/ws/tar.gz/a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6',
    ]);
  });

  it('pnpm 5.x: registry host paths and `_peer` suffixes; a GitHub install by its codeload tarball', () => {
    const lock = [
      'lockfileVersion: 5.3',
      '',
      'specifiers:',
      '  ws: github:websockets/ws#7.4.0',
      '',
      'dependencies:',
      '  ws: github.com/websockets/ws/a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6',
      '',
      'packages:',
      '',
      '  /@babel/core/7.1.0_react@17.0.2:',
      '    resolution: {integrity: sha512-AAAA}',
      '    dev: false',
      '',
      '  registry.npmjs.org/minimist/1.2.5:',
      '    resolution: {integrity: sha512-BBBB, registry: https://registry.npmjs.org/, tarball: https://registry.npmjs.org/minimist/-/minimist-1.2.5.tgz}',
      '    name: minimist',
      '    version: 1.2.5',
      '    dev: false',
      '',
      '  registry.example.com/@scope/pkg/2.0.0:',
      '    resolution: {integrity: sha512-CCCC}',
      '    dev: false',
      '',
      '  github.com/websockets/ws/a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6:',
      '    resolution: {tarball: https://codeload.github.com/websockets/ws/tar.gz/a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6}',
      '    name: ws',
      '    version: 7.4.0',
      '    dev: false',
      '',
    ].join('\n');
    expect(rows(parsePnpmLock(lock))).toEqual([
      '@babel/core 7.1.0',
      'minimist 1.2.5',
      '@scope/pkg 2.0.0',
      'ws 7.4.0 git https://codeload.github.com/websockets/ws/tar.gz/a74dd2ee998b8c2ffd5d9e1be8bfde0e3d6ba3b6',
    ]);
  });

  it('pnpm 6.x: `(peer)` suffixes stripped', () => {
    const lock =
      "lockfileVersion: '6.0'\n\npackages:\n\n  /@babel/core@7.1.0(react@17.0.2):\n    resolution: {integrity: sha512-AAAA}\n    dev: false\n";
    expect(rows(parsePnpmLock(lock))).toEqual(['@babel/core 7.1.0']);
  });
});

describe('sourceOfSpec', () => {
  it('registry ranges, tags and aliases are the registry; every other spec names its source', () => {
    for (const spec of ['^4.17.20', '4.17.21', 'latest', '>=1.0.0 <2', 'npm:string-width@^4.2.0', 'npm:^1.0.0', '*'])
      expect(sourceOfSpec(spec), spec).toBeUndefined();
    expect(
      [
        'file:../lib',
        'link:./vendor/x',
        'portal:./vendor/x',
        'workspace:*',
        'git+ssh://git@github.com/a/b.git#v1',
        'git://github.com/a/b.git',
        'github:a/b',
        'a/b#v1.0.0',
        'https://github.com/a/b.git#commit=abc',
        'https://codeload.github.com/a/b/tar.gz/abc',
        'https://example.com/pkg-1.0.0.tgz',
      ].map((spec) => sourceOfSpec(spec)?.kind),
    ).toEqual(['file', 'link', 'link', 'workspace', 'git', 'git', 'git', 'git', 'git', 'git', 'tarball']);
  });
});

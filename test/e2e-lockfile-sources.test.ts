/**
 * Non-registry lockfile dependencies end to end (issue 12): a test-built image carries the
 * lockfiles real npm, yarn 1, yarn 4 and pnpm 9 wrote for one project whose git, tarball-URL,
 * `file:`, `link:` and workspace dependencies carry the names of npm packages with real GHSA
 * advisories in ../shared/feeds (semver, path-to-regexp, ws, braces, body-parser). Only the
 * registry's minimist 1.2.5 is matched; the rest are in the SBOM with their source, left out
 * of matching, and warned about on their lockfile.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Cves from '../src/commands/cves.js';
import SbomCommand from '../src/commands/sbom.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

const SOURCES = path.join(import.meta.dirname, '../src/catalogers/npm/testdata/sources');
const lock = (dir: string, name: string) => readFileSync(path.join(SOURCES, dir, name));
const GIT = 'git+file:///tmp/lockgen/git/path-to-regexp.git#710b013abea3746a80fa26872c2e7de31934106d';
const TARBALL = 'http://127.0.0.1:8765/semver-5.7.1.tgz';

let t: TestDb;
let image: string;
beforeAll(async () => {
  t = await buildFeedDb(['ghsa-osv']);
  image = writeTemp(
    await dockerClassicTar({
      layers: [
        [
          { path: 'srv/npm/package-lock.json', content: lock('npm', 'package-lock.json') },
          { path: 'srv/yarn1/yarn.lock', content: lock('yarn1', 'yarn.lock') },
          { path: 'srv/berry/yarn.lock', content: lock('berry', 'yarn.lock') },
          { path: 'srv/pnpm9/pnpm-lock.yaml', content: lock('pnpm9', 'pnpm-lock.yaml') },
        ],
      ],
    }),
    'lockfile-sources.tar',
  );
}, 120_000);
afterAll(() => {
  t?.close();
  if (image) rmSync(path.dirname(image), { recursive: true, force: true });
});

interface P {
  name: string;
  version: string;
  purl: string;
  locations: { path: string }[];
  metadata?: Record<string, string | boolean>;
}

describe('lockfile dependencies from outside the npm registry', () => {
  it('are in the SBOM with their source, and each lockfile warns that they could not be assessed', async () => {
    const sbom = JSON.parse((await run(SbomCommand, [image, '--format', 'json'])).stdout);
    const npm = (sbom.packages as P[]).filter((p) => p.locations[0].path === '/srv/npm/package-lock.json');
    expect(npm.map((p) => [p.purl, p.metadata?.resolvedFrom ?? 'registry'])).toEqual([
      ['pkg:npm/%40babel/helper-validator-identifier@7.22.5', 'registry'],
      ['pkg:npm/body-parser@1.19.0', 'workspace'],
      ['pkg:npm/braces@2.3.2', 'file'],
      ['pkg:npm/minimist@1.2.5', 'registry'],
      [`pkg:npm/path-to-regexp@0.1.7?vcs_url=${encodeURIComponent(GIT)}`, 'git'],
      [`pkg:npm/semver@5.7.1?download_url=${encodeURIComponent(TARBALL)}`, 'tarball'],
      ['pkg:npm/ws@7.4.0', 'file'],
    ]);
    expect(npm.find((p) => p.name === 'ws')!.metadata).toEqual({
      lockfile: true,
      resolvedFrom: 'file',
      resolvedRef: 'file:vendor/ws',
    });
    const warnings = (sbom.warnings as { path: string; message: string }[]).filter((w) => w.path.startsWith('/srv/'));
    expect(warnings).toEqual([
      {
        path: '/srv/berry/yarn.lock',
        message:
          '4 dependencies are not from the npm registry, so npm advisories do not apply and their vulnerabilities could not be assessed: ' +
          'body-parser (a workspace member: workspace:packages/body-parser), braces (a linked directory: link:./vendor/braces), ' +
          `semver (a tarball URL: ${TARBALL}), ws (a local path: file:./vendor/ws#./vendor/ws)`,
      },
      {
        path: '/srv/npm/package-lock.json',
        message:
          '5 dependencies are not from the npm registry, so npm advisories do not apply and their vulnerabilities could not be assessed: ' +
          'body-parser (a workspace member: packages/body-parser), braces (a local path: file:vendor/braces), ' +
          `path-to-regexp (a git repository: ${GIT}), semver (a tarball URL: ${TARBALL}), ws (a local path: file:vendor/ws)`,
      },
      {
        path: '/srv/pnpm9/pnpm-lock.yaml',
        message:
          '5 dependencies are not from the npm registry, so npm advisories do not apply and their vulnerabilities could not be assessed: ' +
          'path-to-regexp (a git repository: file:///tmp/lockgen/git/path-to-regexp.git#710b013abea3746a80fa26872c2e7de31934106d), ' +
          `semver (a tarball URL: ${TARBALL}), ws (a local path: file:vendor/ws), ` +
          'body-parser (a workspace member: link:packages/body-parser), braces (a linked directory: link:vendor/braces)',
      },
      {
        path: '/srv/yarn1/yarn.lock',
        message:
          '4 dependencies are not from the npm registry, so npm advisories do not apply and their vulnerabilities could not be assessed: ' +
          `braces (a linked directory: link:./vendor/braces), path-to-regexp (a git repository: ${GIT}), ` +
          `semver (a tarball URL: ${TARBALL}), ws (a local path: file:./vendor/ws)`,
      },
    ]);
  });

  it('are not matched: only the registry minimist is, and coverage says why the rest are not', async () => {
    const report = JSON.parse((await run(Cves, [image, '--db', t.file, '--format', 'json'])).stdout);
    const found = [
      ...new Set(
        (report.findings as { vulnId: string; package: { name: string; version: string } }[]).map(
          (f) => `${f.package.name} ${f.package.version} ${f.vulnId}`,
        ),
      ),
    ];
    expect(found).toEqual(['minimist 1.2.5 CVE-2021-44906']);
    const npm = (report.coverage as { packageType: string }[]).filter((e) => e.packageType === 'npm');
    expect(npm).toContainEqual({
      packageType: 'npm',
      os: false,
      packages: 18,
      status: 'unmatched',
      records: 0,
      sources: [],
      reason:
        "resolved from git, a tarball URL, a local path, a workspace or another registry instead of its ecosystem's registry: not assessed",
      unmatchedPackages: ['body-parser', 'braces', 'path-to-regexp', 'semver', 'ws'],
    });
  });
});

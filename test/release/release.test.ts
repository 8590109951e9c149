/**
 * The release artifact as an operator gets it: `npm run release`'s builder writes the tarball,
 * which is unpacked with plain tar into an empty directory and run inside a network
 * namespace with no network (`unshare -n`), an empty HOME, a PATH holding only sh, readlink
 * and dirname, and the host's node and npm hidden by bind-mounting /dev/null over them.
 * There it imports the DEMO bundle and runs quickview on the real Debian image, which must
 * print what the checkout's own CLI prints. Needs dist/ (npm test builds it first), and
 * util-linux's unshare, openssl and tar (.ci/install-oracles.sh checks them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionPackages } from '../../src/release/node-modules.js';
import { shared } from '../support/fixtures.js';

const root = resolve(import.meta.dirname, '..', '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const name = `airlock-${version}-linux-x64`;
const image = join(shared, 'images', 'debian-bookworm-minbase.oci.tar');
const EPOCH = 1_750_000_000;

function requireTool(cmd: string, args: string[], pkg: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new Error(`"${cmd}" is not usable here: install Debian package ${pkg} (bash .ci/install-oracles.sh)`);
}

function buildRelease(out: string): { stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) };
  delete env.AIRLOCK_RELEASE_KEY;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-release.mjs'), '--out', out], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build-release failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

let work: string;
let out: string;
let build: { stdout: string; stderr: string };
const tarball = () => join(out, `${name}.tar.gz`);

beforeAll(() => {
  requireTool('unshare', ['--version'], 'util-linux');
  requireTool('openssl', ['version'], 'openssl');
  requireTool('tar', ['--version'], 'tar');
  work = mkdtempSync(join(tmpdir(), 'airlock-release-test-'));
  out = join(work, 'out');
  build = buildRelease(out);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run release', () => {
  it('writes the tarball, its sha256sum line, the signature and the signer key, and warns loudly about the DEMO key', () => {
    const line = readFileSync(`${tarball()}.sha256`, 'utf8');
    const digest = createHash('sha256').update(readFileSync(tarball())).digest('hex');
    expect(line).toBe(`${digest}  ${name}.tar.gz\n`);
    expect(readFileSync(`${tarball()}.sha256.sig`)).toHaveLength(64);
    expect(readFileSync(join(out, 'airlock-release-4c80e0b7bcdb6092.pem'), 'utf8')).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n/,
    );
    expect(build.stderr).toMatch(/WARNING: this release is signed with the DEMO key/);
    expect(execFileSync('sha256sum', ['-c', `${name}.tar.gz.sha256`], { cwd: out, encoding: 'utf8' })).toBe(
      `${name}.tar.gz: OK\n`,
    );
  });

  it('is one folder holding the launcher, Node and its LICENSE, the code, the production node_modules, bundles and the README', async () => {
    const entries = execFileSync('tar', ['-tzvf', tarball()], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, TZ: 'UTC' },
    })
      .trim()
      .split('\n');
    const names = entries.map((l) =>
      l
        .split(/\s+/)
        .slice(5)
        .join(' ')
        .replace(/ -> .*$/, ''),
    );
    expect(names.every((n) => n === `${name}/` || n.startsWith(`${name}/`))).toBe(true);
    expect(names).toEqual([...names].sort());
    for (const want of [
      'bin/airlock',
      'bin/run.js',
      'node/bin/node',
      'node/LICENSE',
      'dist/commands/quickview.js',
      'dist/commands/release/verify.js',
      'oclif.manifest.json',
      'package.json',
      'README.md',
      'bundles/keys/demo.pub',
      'bundles/sample/advisories-demo.airlock',
      'db/migrations/',
      'node_modules/sqlite3/build/Release/node_sqlite3.node',
    ]) {
      expect(names, want).toContain(`${name}/${want}`);
    }
    // Owner 0/0 and one fixed time on every entry; modes only 0755 or 0644 (symlinks aside).
    expect(
      entries.filter(
        (l) => !/^(drwxr-xr-x|-rwxr-xr-x|-rw-r--r--|lrwxrwxrwx) 0\/0 /.test(l) || !l.includes('2025-06-15'),
      ),
    ).toEqual([]);
    // Exactly the lockfile's production packages: none of the dev tools, every runtime one.
    const prod = (await productionPackages(root)).filter(
      (p) => names.includes(`${name}/${p.path}/package.json`) || !p.optional,
    );
    for (const p of prod) expect(names, p.path).toContain(`${name}/${p.path}/package.json`);
    for (const dev of ['vitest', 'typescript', 'eslint', 'ink-testing-library'])
      expect(names).not.toContain(`${name}/node_modules/${dev}/package.json`);
    expect(prod.length).toBeGreaterThan(100);
    // Compiler output of the addon stays behind: only the loadable .node file.
    expect(names.filter((n) => n.startsWith(`${name}/node_modules/sqlite3/build/`))).toEqual([
      `${name}/node_modules/sqlite3/build/`,
      `${name}/node_modules/sqlite3/build/Release/`,
      `${name}/node_modules/sqlite3/build/Release/node_sqlite3.node`,
    ]);
    expect(names).toContain(`${name}/REQUIREMENTS.txt`);
  });

  it('states in the README no lower a glibc and libstdc++ than the shipped binaries need', () => {
    const computed = /target {2}linux x86-64, glibc ([\d.]+)\+, GLIBCXX_([\d.]+)/.exec(build.stdout);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const stated = [/\*\*glibc ([\d.]+) or newer\*\*/.exec(readme), /`GLIBCXX_([\d.]+)`/.exec(readme)];
    expect(computed, build.stdout).not.toBeNull();
    expect(stated.every(Boolean)).toBe(true);
    const atLeast = (a: string, b: string) => {
      const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
      for (let i = 0; i < Math.max(x.length, y.length); i++)
        if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
      return true;
    };
    expect(
      atLeast(stated[0]![1], computed![1]),
      `README says glibc ${stated[0]![1]}, the binaries need ${computed![1]}`,
    ).toBe(true);
    expect(
      atLeast(stated[1]![1], computed![2]),
      `README says GLIBCXX_${stated[1]![1]}, the binaries need ${computed![2]}`,
    ).toBe(true);
  });

  it('the README’s openssl command verifies the detached signature, and refuses a modified checksum file', () => {
    const pem = join(out, 'airlock-release-4c80e0b7bcdb6092.pem');
    const verify = (file: string) =>
      spawnSync(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', file, '-sigfile', `${tarball()}.sha256.sig`],
        { encoding: 'utf8' },
      );
    const good = verify(`${tarball()}.sha256`);
    expect([good.status, good.stdout.trim()]).toEqual([0, 'Signature Verified Successfully']);
    const forged = join(work, 'forged.sha256');
    writeFileSync(
      forged,
      readFileSync(`${tarball()}.sha256`, 'utf8').replace(/^./, (c) => (c === '0' ? '1' : '0')),
    );
    const bad = verify(forged);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/Signature Verification Failure/);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(
      `openssl pkeyutl -verify -pubin -inkey airlock-release-KEYID.pem -rawin -in ${'airlock-VERSION-linux-x64.tar.gz'}.sha256 -sigfile airlock-VERSION-linux-x64.tar.gz.sha256.sig`,
    );
  });

  it('unpacked anywhere, runs with no network, an empty HOME and no node or npm: imports the DEMO bundle, quickviews the real image, verifies a release', () => {
    const place = join(work, 'unpacked');
    const home = join(work, 'empty-home');
    const state = join(work, 'state');
    const pathDir = join(work, 'path');
    for (const d of [place, home, state, pathDir]) mkdirSync(d);
    execFileSync('tar', ['-xzf', tarball(), '-C', place]);
    for (const tool of ['sh', 'readlink', 'dirname'])
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(pathDir, tool));
    const hidden = [
      process.execPath,
      ...['node', 'npm', 'npx'].map((t) =>
        spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim(),
      ),
    ].filter(Boolean);
    const app = join(place, name);
    const steps = [
      'if command -v node >/dev/null 2>&1 || command -v npm >/dev/null 2>&1; then echo "node is still reachable" >&2; exit 97; fi',
      // /proc/net/dev lists this network namespace's interfaces: only an unconfigured loopback.
      'while IFS=: read -r ifc rest; do case "$ifc" in *"|"*) ;; *) set -- $ifc; [ "$1" = lo ] || { echo "network interface $1" >&2; exit 98; } ;; esac; done < /proc/net/dev',
      `cd '${app}'`,
      'bin/airlock db import bundles/sample >/dev/null',
      'echo ===quickview',
      `bin/airlock quickview '${image}'`,
      'echo ===verify',
      `bin/airlock release verify '${tarball()}'`,
    ].join('\n');
    const mounts = [...new Set(hidden)].map((f) => `mount --bind /dev/null '${f}'`).join(' && ');
    const sandboxed = spawnSync(
      'unshare',
      [
        '-mn',
        'sh',
        '-c',
        `${mounts} && exec env -i PATH='${pathDir}' HOME='${home}' AIRLOCK_HOME='${state}' AIRLOCK_ALLOW_DEMO_KEY=1 NO_COLOR=1 sh -c "$0"`,
        steps,
      ],
      { encoding: 'utf8' },
    );
    expect(sandboxed.stderr).not.toMatch(/error|still reachable|network interface/);
    expect(sandboxed.status).toBe(0);
    const [, quickview, verified] = sandboxed.stdout.split(/^===\w+\n/m);
    expect(quickview).toMatch(/Your image\s+debian-bookworm-minbase\.oci\.tar\s+│\s+\d+C\s+\d+H\s+\d+M\s+\d+L\s+\d+U/);
    // The same figures as the checkout's own CLI on the same database.
    const dev = spawnSync(process.execPath, [join(root, 'bin', 'run.js'), 'quickview', image], {
      env: { ...process.env, AIRLOCK_HOME: state, AIRLOCK_ALLOW_DEMO_KEY: '1', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(dev.status).toBe(0);
    expect(quickview).toBe(dev.stdout);
    expect(verified).toMatch(
      new RegExp(
        `^${tarball().replace(/[.]/g, '\\.')}: OK\n  sha256  [0-9a-f]{64}\n  signer  4c80e0b7bcdb6092 \\(DEMO key`,
      ),
    );
    const digest = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(digest(join(app, 'node', 'bin', 'node'))).toBe(digest(process.execPath));
    expect(readFileSync(join(app, 'node', 'LICENSE'), 'utf8')).toMatch(/Node\.js is licensed for use as follows/);
  });

  it('is reproducible: a second build from the same inputs has the same sha256', () => {
    const again = join(work, 'again');
    buildRelease(again);
    expect(readFileSync(join(again, `${name}.tar.gz.sha256`), 'utf8')).toBe(
      readFileSync(`${tarball()}.sha256`, 'utf8'),
    );
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testLayer } from '../common/testdata/context.js';
import { readElf } from '../golang/elf.js';
import { resolvedOutsideRegistry } from '../../match/non-registry.js';
import type { StreamedFile } from '../types.js';
import { parseCargoLock } from './cargo-lock.js';
import { rustCataloger } from './cataloger.js';
import { readAuditData } from './dep-v0.js';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const GIT = 'git+file:///tmp/cargo-sources/git/regex.git?branch=main#01e6db8236521f278c34adcdf4939c7226d0e8fe';
const CORP = 'registry+file:///tmp/cargo-sources/corp-index';
/** Real cargo and rustc output, made offline by testdata/make-fixtures.sh (see testdata/README.md). */
const testdata = (name: string) => readFileSync(path.join(import.meta.dirname, 'testdata', name));
/** A rustc-built executable carrying a `.dep-v0` section (see testdata/README.md). */
const auditable = () => gunzipSync(testdata('hello-auditable.gz'));
const goSkeleton = () =>
  gunzipSync(
    readFileSync(path.join(import.meta.dirname, '..', 'golang', 'testdata', 'esbuild-0.19.12-linux-x64.skeleton.gz')),
  );

const spillDir = mkdtempSync(path.join(tmpdir(), 'airlock-rust-test-'));
afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

/** A StreamedFile as the image reader hands it over; large bodies are spilled to a temporary file. */
function streamed(body: Buffer, filePath: string): StreamedFile {
  const spilled = path.join(spillDir, path.basename(filePath));
  return {
    path: filePath,
    size: body.length,
    read: async () => body,
    spill: async () => (writeFileSync(spilled, body), spilled),
  };
}

describe('readAuditData', () => {
  it('inflates the .dep-v0 section into the crates of the tree', () => {
    const body = auditable();
    const crates = readAuditData(readElf((o, n) => body.subarray(o, o + n))!);
    expect(crates).toEqual([
      { name: 'adler', version: '1.0.2', source: 'crates.io' },
      { name: 'cfg-if', version: '1.0.0', source: 'crates.io' },
      { name: 'crc32fast', version: '1.3.2', source: 'crates.io' },
      { name: 'flate2', version: '1.0.25', source: 'crates.io' },
      { name: 'hello-auditable', version: '0.1.0', source: 'local', root: true },
      { name: 'hello-core', version: '0.1.0', source: 'local' },
      { name: 'hex', version: '0.4.3', source: 'crates.io' },
      { name: 'miniz_oxide', version: '0.6.2', source: 'crates.io' },
    ]);
    // The JSON committed next to the binary is what its section holds.
    expect(crates?.map((c) => c.name)).toEqual(
      JSON.parse(testdata('dep-v0.json').toString()).packages.map((p: { name: string }) => p.name),
    );
  });

  it('is undefined for binaries built without cargo auditable', () => {
    const go = goSkeleton();
    expect(readAuditData(readElf((o, n) => go.subarray(o, o + n))!)).toBeUndefined();
  });
});

describe('parseCargoLock', () => {
  it('reads a version 3 lockfile: fetched crates, the path dependency as a local crate, not the root package', () => {
    const text = testdata('hello.v3.Cargo.lock').toString();
    expect(text).toMatch(/^version = 3$/m);
    const fetched = (c: string) => {
      const [name, version] = c.split(' ');
      return { name, version, source: CRATES_IO };
    };
    expect(parseCargoLock(text)).toEqual([
      ...['adler 1.0.2', 'cfg-if 1.0.0', 'crc32fast 1.3.2', 'flate2 1.0.25'].map(fetched),
      // hello-auditable depends on it; hello-auditable itself, which nothing depends on, is the project.
      { name: 'hello-core', version: '0.1.0', outside: { kind: 'file', ref: 'unrecorded in Cargo.lock' } },
      ...['hex 0.4.3', 'miniz_oxide 0.6.2'].map(fetched),
    ]);
  });

  it('reads a version 4 lockfile (a virtual workspace: tool is a root, text a member tool depends on)', () => {
    const text = testdata('workspace.v4.Cargo.lock').toString();
    expect(text).toMatch(/^version = 4$/m);
    const crates = parseCargoLock(text);
    const tables = text.split('[[package]]').length - 1;
    expect(crates).toHaveLength(tables - 1);
    expect(crates.map((c) => c.name)).not.toContain('tool');
    expect(crates.filter((c) => c.outside)).toEqual([
      { name: 'text', version: '0.1.0', outside: { kind: 'file', ref: 'unrecorded in Cargo.lock' } },
    ]);
    expect(crates[0]).toEqual({ name: 'adler', version: '1.0.2', source: CRATES_IO });
    expect(crates.find((c) => c.name === 'regex')).toEqual({ name: 'regex', version: '1.7.1', source: CRATES_IO });
    expect(() => parseCargoLock('[workspace]\nmembers = []\n')).toThrow(/not a Cargo\.lock/);
  });

  it('reads where each crate of a real lockfile came from: crates.io, git, another registry, local paths', () => {
    // sources.v4.Cargo.lock: real cargo output (testdata/make-sources-lock.sh).
    expect(parseCargoLock(testdata('sources.v4.Cargo.lock').toString())).toEqual([
      { name: 'app-core', version: '0.1.0', outside: { kind: 'file', ref: 'unrecorded in Cargo.lock' } },
      { name: 'hex', version: '0.4.3', source: CRATES_IO },
      { name: 'memchr', version: '2.5.0', source: CRATES_IO },
      { name: 'regex', version: '1.5.4', source: GIT, outside: { kind: 'git', ref: GIT } },
      { name: 'smallvec', version: '1.6.0', source: CORP, outside: { kind: 'registry', ref: CORP } },
      { name: 'time', version: '0.1.43', outside: { kind: 'file', ref: 'unrecorded in Cargo.lock' } },
    ]);
  });

  it('tells crates.io by both its index spellings, and a local crate named with its version', () => {
    // Cargo's format: `name`, or `name version` when two versions of the name are locked.
    const lock = [
      'version = 4',
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "dup 0.1.0",\n "dup 0.2.0",\n "sparse",\n]',
      '[[package]]\nname = "dup"\nversion = "0.1.0"',
      '[[package]]\nname = "dup"\nversion = "0.2.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]\nname = "sparse"\nversion = "1.0.0"\nsource = "sparse+https://index.crates.io/"',
      '[[package]]\nname = "mirror"\nversion = "1.0.0"\nsource = "sparse+https://mirror.example/index/"',
      '[[package]]\nname = "hg"\nversion = "1.0.0"\nsource = "hg+https://example/repo"',
      '[[package]]\nname = "lonely"\nversion = "0.1.0"',
      '[[patch.unused]]\nname = "unused"\nversion = "1.0.0"',
    ].join('\n\n');
    expect(parseCargoLock(lock)).toEqual([
      { name: 'dup', version: '0.1.0', outside: { kind: 'file', ref: 'unrecorded in Cargo.lock' } },
      { name: 'dup', version: '0.2.0', source: CRATES_IO },
      { name: 'sparse', version: '1.0.0', source: 'sparse+https://index.crates.io/' },
      {
        name: 'mirror',
        version: '1.0.0',
        source: 'sparse+https://mirror.example/index/',
        outside: { kind: 'registry', ref: 'sparse+https://mirror.example/index/' },
      },
      {
        name: 'hg',
        version: '1.0.0',
        source: 'hg+https://example/repo',
        outside: { kind: 'other', ref: 'hg+https://example/repo' },
      },
    ]);
  });
});

describe('rustCataloger', () => {
  it('wants program candidates and Cargo.lock files, not those of downloaded crate sources', () => {
    expect(rustCataloger.wants('/usr/local/bin/hello-auditable')).toBe(true);
    expect(rustCataloger.wants('/srv/app/Cargo.lock')).toBe(true);
    expect(
      rustCataloger.wants('/root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/serde-1.0.0/Cargo.lock'),
    ).toBe(false);
  });

  it('analyzes binaries and lockfiles as they stream by and reports cargo packages', async () => {
    const binary = await rustCataloger.analyze!(streamed(auditable(), '/usr/local/bin/hello-auditable'));
    const lock = await rustCataloger.analyze!(
      streamed(testdata('hello.v3.Cargo.lock'), '/src/hello-auditable/Cargo.lock'),
    );
    expect(await rustCataloger.analyze!(streamed(goSkeleton(), '/usr/local/bin/esbuild'))).toBeUndefined();
    const layer = testLayer(0);
    const files = [
      { path: '/src/hello-auditable/Cargo.lock', content: Buffer.alloc(0), layer, analysis: lock },
      { path: '/usr/local/bin/hello-auditable', content: Buffer.alloc(0), layer, analysis: binary },
    ];
    const { packages, warnings } = rustCataloger.catalog({ files, history: (p) => files.filter((f) => f.path === p) });
    // The path crate hello-core is named on both files; the root crate, the program itself, on neither.
    expect(warnings).toEqual([
      {
        path: '/src/hello-auditable/Cargo.lock',
        message:
          '1 dependency is not from crates.io, so crates.io advisories do not apply and its vulnerabilities could not be assessed: ' +
          'hello-core (a local path: unrecorded in Cargo.lock)',
      },
      {
        path: '/usr/local/bin/hello-auditable',
        message:
          '1 dependency is not from crates.io, so crates.io advisories do not apply and its vulnerabilities could not be assessed: ' +
          'hello-core (a local path: unrecorded in the binary)',
      },
    ]);
    const fromBinary = packages.filter((p) => p.locations[0].path === '/usr/local/bin/hello-auditable');
    expect(fromBinary).toHaveLength(8);
    expect(fromBinary.find((p) => p.name === 'hello-auditable')).toMatchObject({
      type: 'cargo',
      version: '0.1.0',
      purl: 'pkg:cargo/hello-auditable@0.1.0',
      foundBy: 'rust',
      metadata: { source: 'local', root: true, resolvedFrom: 'file', resolvedRef: 'unrecorded in the binary' },
      introducedByLayer: layer.diffId,
    });
    expect(fromBinary.filter((p) => resolvedOutsideRegistry(p)).map((p) => p.name)).toEqual([
      'hello-auditable',
      'hello-core',
    ]);
    const fromLock = packages.filter((p) => p.metadata?.lockfile === true);
    expect(fromLock.map((p) => [p.purl, resolvedOutsideRegistry(p)])).toEqual([
      ['pkg:cargo/adler@1.0.2', undefined],
      ['pkg:cargo/cfg-if@1.0.0', undefined],
      ['pkg:cargo/crc32fast@1.3.2', undefined],
      ['pkg:cargo/flate2@1.0.25', undefined],
      ['pkg:cargo/hello-core@0.1.0', 'file'],
      ['pkg:cargo/hex@0.4.3', undefined],
      ['pkg:cargo/miniz_oxide@0.6.2', undefined],
    ]);
    expect(fromLock.find((p) => p.name === 'hello-core')!.metadata).toEqual({
      lockfile: true,
      resolvedFrom: 'file',
      resolvedRef: 'unrecorded in Cargo.lock',
    });
  });

  it('lists git, other-registry and local crates of a lockfile with their source, unmatched, in one warning', async () => {
    const analysis = await rustCataloger.analyze!(streamed(testdata('sources.v4.Cargo.lock'), '/srv/app/Cargo.lock'));
    const layer = testLayer(0);
    const files = [{ path: '/srv/app/Cargo.lock', content: Buffer.alloc(0), layer, analysis }];
    const { packages, warnings } = rustCataloger.catalog({ files, history: () => files });
    expect(packages.map((p) => [p.purl, p.metadata])).toEqual([
      ['pkg:cargo/app-core@0.1.0', { lockfile: true, resolvedFrom: 'file', resolvedRef: 'unrecorded in Cargo.lock' }],
      ['pkg:cargo/hex@0.4.3', { source: CRATES_IO, lockfile: true }],
      ['pkg:cargo/memchr@2.5.0', { source: CRATES_IO, lockfile: true }],
      [
        `pkg:cargo/regex@1.5.4?vcs_url=${encodeURIComponent(GIT)}`,
        { source: GIT, lockfile: true, resolvedFrom: 'git', resolvedRef: GIT },
      ],
      ['pkg:cargo/smallvec@1.6.0', { source: CORP, lockfile: true, resolvedFrom: 'registry', resolvedRef: CORP }],
      ['pkg:cargo/time@0.1.43', { lockfile: true, resolvedFrom: 'file', resolvedRef: 'unrecorded in Cargo.lock' }],
    ]);
    expect(packages.map((p) => resolvedOutsideRegistry(p))).toEqual([
      'file',
      undefined,
      undefined,
      'git',
      'registry',
      'file',
    ]);
    expect(warnings).toEqual([
      {
        path: '/srv/app/Cargo.lock',
        message:
          '4 dependencies are not from crates.io, so crates.io advisories do not apply and their vulnerabilities could not be assessed: ' +
          `app-core (a local path: unrecorded in Cargo.lock), regex (a git repository: ${GIT}), ` +
          `smallvec (another registry: ${CORP}), time (a local path: unrecorded in Cargo.lock)`,
      },
    ]);
  });

  it('takes cargo-auditable source kinds: crates.io matched, git, local, registry and others not; the root unnamed', () => {
    // Kinds as cargo-auditable.schema.json names them; the binary records no URL, path or index.
    const crates = [
      { name: 'ripgrep', version: '14.1.0', source: 'crates.io', root: true },
      { name: 'memchr', version: '2.7.1', source: 'crates.io' },
      { name: 'regex', version: '1.5.4', source: 'git' },
      { name: 'time', version: '0.1.43', source: 'local' },
      { name: 'smallvec', version: '1.6.0', source: 'registry' },
      { name: 'hex', version: '0.4.3', source: 'hg' },
    ];
    const layer = testLayer(0);
    const file = { path: '/usr/local/bin/rg', content: Buffer.alloc(0), layer, analysis: { from: 'binary', crates } };
    const { packages, warnings } = rustCataloger.catalog({ files: [file], history: () => [file] });
    expect(packages.map((p) => [p.purl, p.metadata, resolvedOutsideRegistry(p)])).toEqual([
      // Installed from crates.io (`cargo install ripgrep`): the program is a release, and matched.
      ['pkg:cargo/ripgrep@14.1.0', { source: 'crates.io', root: true }, undefined],
      ['pkg:cargo/memchr@2.7.1', { source: 'crates.io' }, undefined],
      ['pkg:cargo/regex@1.5.4', { source: 'git', resolvedFrom: 'git', resolvedRef: 'unrecorded in the binary' }, 'git'],
      [
        'pkg:cargo/time@0.1.43',
        { source: 'local', resolvedFrom: 'file', resolvedRef: 'unrecorded in the binary' },
        'file',
      ],
      [
        'pkg:cargo/smallvec@1.6.0',
        { source: 'registry', resolvedFrom: 'registry', resolvedRef: 'unrecorded in the binary' },
        'registry',
      ],
      ['pkg:cargo/hex@0.4.3', { source: 'hg', resolvedFrom: 'other', resolvedRef: 'hg' }, 'other'],
    ]);
    expect(warnings).toEqual([
      {
        path: '/usr/local/bin/rg',
        message:
          '4 dependencies are not from crates.io, so crates.io advisories do not apply and their vulnerabilities could not be assessed: ' +
          'regex (a git repository: unrecorded in the binary), time (a local path: unrecorded in the binary), ' +
          'smallvec (another registry: unrecorded in the binary), hex (an unrecognised source: hg)',
      },
    ]);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testLayer } from '../common/testdata/context.js';
import { readElf } from '../golang/elf.js';
import type { StreamedFile } from '../types.js';
import { parseCargoLock } from './cargo-lock.js';
import { rustCataloger } from './cataloger.js';
import { readAuditData } from './dep-v0.js';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
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
  it('reads fetched crates of a version 3 lockfile and leaves the workspace crates out', () => {
    const text = testdata('hello.v3.Cargo.lock').toString();
    expect(text).toMatch(/^version = 3$/m);
    expect(parseCargoLock(text)).toEqual(
      ['adler 1.0.2', 'cfg-if 1.0.0', 'crc32fast 1.3.2', 'flate2 1.0.25', 'hex 0.4.3', 'miniz_oxide 0.6.2'].map((c) => {
        const [name, version] = c.split(' ');
        return { name, version, source: CRATES_IO };
      }),
    );
  });

  it('reads a version 4 lockfile (a virtual workspace of two crates)', () => {
    const text = testdata('workspace.v4.Cargo.lock').toString();
    expect(text).toMatch(/^version = 4$/m);
    const crates = parseCargoLock(text);
    const tables = text.split('[[package]]').length - 1;
    const local = text
      .split('[[package]]')
      .slice(1)
      .filter((t) => !t.includes('\nsource = ')).length;
    expect(crates).toHaveLength(tables - local);
    expect(local).toBe(2);
    expect(crates.map((c) => c.name)).not.toContain('tool');
    expect(crates[0]).toEqual({ name: 'adler', version: '1.0.2', source: CRATES_IO });
    expect(crates.find((c) => c.name === 'regex')).toEqual({ name: 'regex', version: '1.7.1', source: CRATES_IO });
    expect(() => parseCargoLock('[workspace]\nmembers = []\n')).toThrow(/not a Cargo\.lock/);
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
    expect(warnings).toEqual([]);
    const fromBinary = packages.filter((p) => p.locations[0].path === '/usr/local/bin/hello-auditable');
    expect(fromBinary).toHaveLength(8);
    expect(fromBinary.find((p) => p.name === 'hello-auditable')).toMatchObject({
      type: 'cargo',
      version: '0.1.0',
      purl: 'pkg:cargo/hello-auditable@0.1.0',
      foundBy: 'rust',
      metadata: { source: 'local', root: true },
      introducedByLayer: layer.diffId,
    });
    const fromLock = packages.filter((p) => p.metadata?.lockfile === true);
    expect(fromLock.map((p) => p.purl)).toEqual([
      'pkg:cargo/adler@1.0.2',
      'pkg:cargo/cfg-if@1.0.0',
      'pkg:cargo/crc32fast@1.3.2',
      'pkg:cargo/flate2@1.0.25',
      'pkg:cargo/hex@0.4.3',
      'pkg:cargo/miniz_oxide@0.6.2',
    ]);
  });
});

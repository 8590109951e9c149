import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testLayer } from '../common/testdata/context.js';
import type { CatalogContext, StreamedFile, WantedFile } from '../types.js';
import { isProgramCandidate, withBytes } from './binary-file.js';
import { readGoBuildInfo, type GoBuildInfo } from './buildinfo.js';
import { golangCataloger } from './cataloger.js';
import { readElf, type ReadAt } from './elf.js';

/** See testdata/README.md: real esbuild executables from the npm registry, cut down to what build-info readers look at. */
const skeleton = (name: string) => gunzipSync(readFileSync(path.join(import.meta.dirname, 'testdata', name)));
const OLD = 'esbuild-0.8.57-linux-x64.skeleton.gz'; // Go 1.16: pointers to string headers
const INLINE = 'esbuild-0.19.12-linux-x64.skeleton.gz'; // Go 1.20: strings inline
const rustBinary = () =>
  gunzipSync(readFileSync(path.join(import.meta.dirname, '..', 'rust', 'testdata', 'hello-auditable.gz')));
const readAtOf =
  (buf: Buffer): ReadAt =>
  (o, n) =>
    buf.subarray(o, o + n);

const spillDir = mkdtempSync(path.join(tmpdir(), 'airlock-go-test-'));
afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

/** A StreamedFile as the image reader hands it over, counting how often the body is taken. */
function streamed(body: Buffer, filePath = '/usr/local/bin/esbuild'): StreamedFile & { reads: number } {
  const file = {
    path: filePath,
    size: body.length,
    reads: 0,
    read: async () => {
      file.reads++;
      return body;
    },
    spill: async () => {
      file.reads++;
      const spilled = path.join(spillDir, `${file.reads}-${path.basename(filePath)}`);
      writeFileSync(spilled, body);
      return spilled;
    },
  };
  return file;
}

function contextOf(files: { path: string; analysis: unknown }[]): CatalogContext {
  const layer = testLayer(0);
  const wanted: WantedFile[] = files.map((f) => ({
    path: f.path,
    content: Buffer.alloc(0),
    layer,
    analysis: f.analysis,
  }));
  return {
    files: wanted,
    history: (p) => wanted.filter((f) => f.path === p).map((f) => ({ layer, analysis: f.analysis })),
  };
}

describe('readGoBuildInfo', () => {
  it('follows the pre-1.18 pointers to the version and module strings (esbuild 0.8.57, go1.16)', () => {
    expect(readGoBuildInfo(readElf(readAtOf(skeleton(OLD)))!)).toEqual({
      goVersion: 'go1.16',
      modinfo:
        'path\tgithub.com/evanw/esbuild/cmd/esbuild\nmod\tgithub.com/evanw/esbuild\t(devel)\t\n' +
        'dep\tgolang.org/x/sys\tv0.0.0-20200501145240-bc7a7d42d5c3\th1:5B6i6EAiSYyejWfvc5Rc9BbI3rzIsrrXfAQBWnYfn+w=\n',
    });
  });

  it('reads the inline strings of Go 1.18+ (esbuild 0.19.12, go1.20.12)', () => {
    const info = readGoBuildInfo(readElf(readAtOf(skeleton(INLINE)))!)!;
    expect(info.goVersion).toBe('go1.20.12');
    expect(info.modinfo.split('\n').slice(0, 4)).toEqual([
      'path\tgithub.com/evanw/esbuild/cmd/esbuild',
      'mod\tgithub.com/evanw/esbuild\t(devel)\t',
      'dep\tgolang.org/x/sys\tv0.0.0-20220715151400-c0bba94af5f8\th1:0A+M6Uqn+Eje4kHMK80dtF3JCXC4ykBgQG4Fe06QRhQ=',
      'build\t-buildmode=exe',
    ]);
    expect(info.modinfo).toContain('build\tvcs.revision=d7fd1ad35715cda76eb33343b7c07b275e402a2e\n');
  });

  it('finds nothing in an ELF file that is no Go program, and readElf nothing in a file that is no ELF', () => {
    expect(readGoBuildInfo(readElf(readAtOf(rustBinary()))!)).toBeUndefined();
    expect(readElf(readAtOf(Buffer.from('#!/bin/sh\necho hi\n')))).toBeUndefined();
  });

  it('fails clearly on a truncated ELF header table', () => {
    const cut = skeleton(INLINE).subarray(0, 200); // the program headers start at 64 and take 7 x 56 bytes
    expect(() => readElf(readAtOf(cut))).toThrow(/ELF header table runs past the end of the file/);
  });
});

describe('golangCataloger', () => {
  it('wants program directories, extension-less files under bin/, and extension-less files of /opt and /app', () => {
    const yes = [
      '/usr/sbin/runc',
      '/usr/bin/python3.11',
      '/usr/lib/go-1.19/bin/gofmt',
      '/opt/tool/esbuild',
      '/app/server',
      '/app/node_modules/@esbuild/linux-x64/bin/esbuild',
    ];
    const no = [
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/app/index.js',
      '/app/node_modules/lodash/LICENSE',
      '/opt/venv/lib/python3.11/site-packages/pip/__init__.py',
      '/etc/passwd',
    ];
    for (const p of yes) expect(golangCataloger.wants(p), p).toBe(true);
    for (const p of no) expect(golangCataloger.wants(p), p).toBe(false);
    expect(isProgramCandidate('/usr/local/go/bin/go')).toBe(true);
  });

  it('analyzes a streamed binary into a small result and catalogs stdlib, the main module and dependencies', async () => {
    const file = streamed(skeleton(INLINE));
    const analysis = (await golangCataloger.analyze!(file)) as GoBuildInfo;
    expect(file.reads).toBe(1);
    expect(analysis.goVersion).toBe('go1.20.12');
    const { packages, warnings } = golangCataloger.catalog(contextOf([{ path: file.path, analysis }]));
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.purl, p.metadata])).toEqual([
      [
        'stdlib',
        'v1.20.12',
        'pkg:golang/stdlib@v1.20.12',
        { goVersion: 'go1.20.12', mainPackage: 'github.com/evanw/esbuild/cmd/esbuild' },
      ],
      [
        'github.com/evanw/esbuild',
        '(devel)',
        'pkg:golang/github.com/evanw/esbuild@(devel)',
        { mainModule: true, devel: true, resolvedFrom: 'file', resolvedRef: 'a source checkout ((devel))' },
      ],
      [
        'golang.org/x/sys',
        'v0.0.0-20220715151400-c0bba94af5f8',
        'pkg:golang/golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8',
        undefined,
      ],
    ]);
    expect(
      packages.every(
        (p) => p.type === 'golang' && p.foundBy === 'golang' && p.introducedByLayer === testLayer(0).diffId,
      ),
    ).toBe(true);
    expect(packages[0].locations).toEqual([{ path: '/usr/local/bin/esbuild', layerDiffId: testLayer(0).diffId }]);
  });

  it('turns go1.16 into the vulnerability database spelling v1.16.0', async () => {
    const analysis = await golangCataloger.analyze!(streamed(skeleton(OLD)));
    const { packages } = golangCataloger.catalog(contextOf([{ path: '/opt/esbuild/bin/esbuild', analysis }]));
    expect(packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      'stdlib@v1.16.0',
      'github.com/evanw/esbuild@(devel)',
      'golang.org/x/sys@v0.0.0-20200501145240-bc7a7d42d5c3',
    ]);
  });

  it('does not read small files, and returns nothing for ELF files that are not Go', async () => {
    const small = streamed(Buffer.from('#!/bin/sh\n'), '/usr/bin/which');
    expect(await golangCataloger.analyze!(small)).toBeUndefined();
    expect(small.reads).toBe(0);
    expect(await golangCataloger.analyze!(streamed(rustBinary(), '/usr/bin/hello'))).toBeUndefined();
  });

  it('reads large binaries from their spilled temporary file, small ones in memory', async () => {
    const body = skeleton(INLINE);
    const large = { ...streamed(body), read: async () => Promise.reject(new Error('must not be read into memory')) };
    expect((await withBytes(large, (readAt) => readGoBuildInfo(readElf(readAt)!)))?.goVersion).toBe('go1.20.12');
    const small = { ...streamed(body), spill: async () => Promise.reject(new Error('must not be spilled')) };
    expect((await withBytes(small, (readAt) => readGoBuildInfo(readElf(readAt)!), body.length))?.goVersion).toBe(
      'go1.20.12',
    );
  });
});

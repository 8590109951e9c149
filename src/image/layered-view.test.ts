import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { analyzeImage } from './analyze.js';
import { keepUpTo, type WantsFile } from './layer-scan.js';
import { dockerClassicTar, ociArchiveTar, writeTemp, type ImageSpec } from '../../test/support/image-builder.js';

const wantsEtc: WantsFile = (p) => (p.startsWith('etc/') ? keepUpTo(1 << 20) : undefined);

async function analyze(spec: ImageSpec, wants = wantsEtc) {
  return analyzeImage(writeTemp(await dockerClassicTar(spec), 'image.tar'), wants);
}

function paths(image: Awaited<ReturnType<typeof analyze>>): string[] {
  return [...image.view.walk()].map(([p]) => p).sort();
}

describe('layered view', () => {
  it('applies whiteouts and opaque directories to lower layers only', async () => {
    const image = await analyze({
      layers: [
        [
          { path: 'etc/a', content: 'a' },
          { path: 'etc/b', content: 'b' },
          { path: 'opt/app/old/x', content: 'x' },
          { path: 'opt/app/keep', content: 'k' },
        ],
        [{ path: 'etc/.wh.a' }, { path: 'opt/app/.wh..wh..opq' }, { path: 'opt/app/new', content: 'n' }],
      ].map((layer) => layer.map((e) => ({ ...e, content: e.content ?? '' }))),
    });
    expect(paths(image)).toEqual(['etc', 'etc/b', 'opt', 'opt/app', 'opt/app/new']);
    expect(image.files.map((f) => f.path)).toEqual(['/etc/b']);
    expect(image.history.get('etc/a')!.map((v) => [v.layer.index, v.content?.toString()])).toEqual([
      [0, 'a'],
      [1, undefined],
    ]);
  });

  it('keeps files that the same layer writes after an opaque marker', async () => {
    const image = await analyze({
      layers: [
        [{ path: 'etc/conf.d/old', content: '1' }],
        [
          { path: 'etc/conf.d/.wh..wh..opq', content: '' },
          { path: 'etc/conf.d/new', content: '2' },
        ],
      ],
    });
    expect(image.files.map((f) => [f.path, f.layer.index])).toEqual([['/etc/conf.d/new', 1]]);
  });

  it('lets the last duplicate entry win and records the layer that last wrote a file', async () => {
    const image = await analyze({
      layers: [
        [
          { path: 'etc/x', content: 'first' },
          { path: 'etc/x', content: 'second' },
        ],
        [{ path: 'etc/y', content: 'y' }],
      ],
    });
    expect(image.files.map((f) => [f.path, f.content.toString(), f.layer.index])).toEqual([
      ['/etc/x', 'second', 0],
      ['/etc/y', 'y', 1],
    ]);
  });

  it('gives hard links their target content and warns about dangling ones', async () => {
    const image = await analyze({
      layers: [
        [
          { path: 'etc/real', content: 'payload' },
          { path: 'etc/linked', type: 'hardlink', linkname: 'etc/real' },
          { path: 'etc/dangling', type: 'hardlink', linkname: 'etc/nothing' },
        ],
      ],
    });
    expect(image.files.map((f) => [f.path, f.content.toString()])).toEqual([
      ['/etc/linked', 'payload'],
      ['/etc/real', 'payload'],
    ]);
    expect(image.warnings).toContainEqual({
      path: '/etc/dangling',
      message: 'hard link to missing /etc/nothing; what is at this path is not known',
    });
  });

  it('resolves symlinks inside the image only, and survives loops', async () => {
    const image = await analyze({
      layers: [
        [
          { path: 'usr/lib/os-release', content: 'ID=debian\n' },
          { path: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
          { path: 'etc/passwd', content: 'root:x:0:0:image\n' },
          { path: 'etc/abs', type: 'symlink', linkname: '/etc/passwd' },
          { path: 'etc/escape', type: 'symlink', linkname: '../../../../../etc/passwd' },
          { path: 'etc/loop1', type: 'symlink', linkname: 'loop2' },
          { path: 'etc/loop2', type: 'symlink', linkname: 'loop1' },
        ],
      ],
    });
    const byPath = Object.fromEntries(image.files.map((f) => [f.path, f.content.toString()]));
    expect(byPath['/etc/os-release']).toBe('ID=debian\n');
    expect(byPath['/etc/abs']).toBe('root:x:0:0:image\n');
    expect(byPath['/etc/escape']).toBe('root:x:0:0:image\n');
    expect(byPath['/etc/loop1']).toBeUndefined();
    expect(image.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['/etc/loop1', '/etc/loop2']));
  });

  it('follows directory symlinks (merged /usr) when applying later layers', async () => {
    const image = await analyze({
      layers: [
        [
          { path: 'usr/lib/', type: 'dir' },
          { path: 'lib', type: 'symlink', linkname: 'usr/lib' },
        ],
        [{ path: 'lib/etc-like/x', content: 'x' }],
      ],
    });
    // The second layer wrote it through the /lib symlink: it lands in usr/lib, and /lib/... still finds it.
    expect(image.view.lookup('usr/lib/etc-like/x')).toMatchObject({ kind: 'file', layer: 1, size: 1 });
    expect(image.view.lookup('lib/etc-like/x')).toBe(image.view.lookup('usr/lib/etc-like/x'));
    expect(image.view.lookup('lib')?.kind).toBe('symlink');
  });

  it('re-reads a wanted symlink whose target nobody wanted', async () => {
    const spec: ImageSpec = {
      layers: [
        [{ path: 'usr/share/base-files/os-release', content: 'ID=debian\n' }],
        [{ path: 'etc/os-release', type: 'symlink', linkname: '/usr/share/base-files/os-release' }],
      ],
      compression: 'gzip',
    };
    const wants: WantsFile = (p) => (p === 'etc/os-release' ? keepUpTo(100) : undefined);
    const seekable = await analyzeImage(writeTemp(await ociArchiveTar(spec), 'oci.tar'), wants);
    expect(seekable.files.map((f) => [f.path, f.content.toString(), f.layer.index])).toEqual([
      ['/etc/os-release', 'ID=debian\n', 0],
    ]);
    // A compressed whole archive reads the target's layer again, in a second pass.
    const streamed = await analyzeImage(writeTemp(gzipSync(await ociArchiveTar(spec)), 'oci.tgz'), wants);
    expect(streamed.files.map((f) => [f.path, f.content.toString(), f.layer.index])).toEqual([
      ['/etc/os-release', 'ID=debian\n', 0],
    ]);
    expect(streamed.warnings).toEqual([]);
  });

  it('ignores entries whose names leave the root', async () => {
    const image = await analyze({
      layers: [
        [
          { path: '../../etc/evil', content: 'x' },
          { path: 'etc/ok', content: 'ok' },
        ],
      ],
    });
    expect(image.files.map((f) => f.path)).toEqual(['/etc/ok']);
    expect(image.warnings).toContainEqual({
      path: '../../etc/evil',
      message: 'entry name leaves the image root; ignored (layer 1)',
    });
  });
});

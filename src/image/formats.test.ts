import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { analyzeImage } from './analyze.js';
import { keepUpTo, type WantsFile } from './layer-scan.js';
import {
  docker25Tar,
  dockerClassicTar,
  multiPlatformOciTar,
  ociArchiveTar,
  ociLayoutDir,
  writeTemp,
  type ImageSpec,
} from '../../test/support/image-builder.js';
import { twoImageDockerTar } from '../../test/support/multi-image.js';

const wantsEtc: WantsFile = (p) =>
  p.startsWith('etc/') || p === 'var/lib/dpkg/status' ? keepUpTo(1 << 20) : undefined;

const spec: ImageSpec = {
  repoTags: ['example/app:1.2'],
  createdBy: ['ADD rootfs.tar /', 'RUN apt-get install curl'],
  layers: [
    [
      { path: 'etc/', type: 'dir' },
      { path: 'etc/debian_version', content: '12.8\n' },
      {
        path: 'var/lib/dpkg/status',
        content: 'Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u8\n\n',
      },
    ],
    [
      {
        path: 'var/lib/dpkg/status',
        content: 'Package: curl\nStatus: install ok installed\nVersion: 7.88.1-10+deb12u8\n\n',
      },
    ],
  ],
};

async function summary(path: string, options = {}) {
  const image = await analyzeImage(path, wantsEtc, options);
  return {
    layers: image.meta.layers.map((l) => [l.diffId, l.createdBy]),
    files: image.files.map((f) => [f.path, f.content.toString(), f.layer.index]),
  };
}

describe('every archive layout gives the same image', async () => {
  const expected = await summary(writeTemp(await dockerClassicTar(spec), 'classic.tar'));

  it('reads the classic docker save layout', () => {
    expect(expected.files).toEqual([
      ['/etc/debian_version', '12.8\n', 0],
      ['/var/lib/dpkg/status', 'Package: curl\nStatus: install ok installed\nVersion: 7.88.1-10+deb12u8\n\n', 1],
    ]);
    expect(expected.layers.map((l) => l[1])).toEqual(['ADD rootfs.tar /', 'RUN apt-get install curl']);
  });

  const cases: [string, () => Promise<string>, string][] = [
    ['docker 25+ save', async () => writeTemp(await docker25Tar(spec), 'd25.tar'), 'docker-archive-oci'],
    [
      'oci-archive, gzip layers',
      async () => writeTemp(await ociArchiveTar({ ...spec, compression: 'gzip' }), 'oci.tar'),
      'oci-archive',
    ],
    [
      'oci-archive, zstd layers',
      async () => writeTemp(await ociArchiveTar({ ...spec, compression: 'zstd' }), 'oci-zstd.tar'),
      'oci-archive',
    ],
    [
      'oci-archive, uncompressed layers',
      async () => writeTemp(await ociArchiveTar(spec), 'oci-plain.tar'),
      'oci-archive',
    ],
    ['OCI layout directory', async () => ociLayoutDir({ ...spec, compression: 'gzip' }), 'oci-layout'],
    [
      'classic docker save, gzipped whole',
      async () => writeTemp(gzipSync(await dockerClassicTar(spec)), 'classic.tar.gz'),
      'docker-archive',
    ],
    [
      'oci-archive with gzip layers, gzipped whole',
      async () => writeTemp(gzipSync(await ociArchiveTar({ ...spec, compression: 'gzip' })), 'oci.tgz'),
      'oci-archive',
    ],
    [
      'docker 25+ save, zstd whole',
      async () => writeTemp(execFileSync('zstd', ['-q', '-c'], { input: await docker25Tar(spec) }), 'd25.tar.zst'),
      'docker-archive-oci',
    ],
  ];
  for (const [name, make, format] of cases) {
    it(`reads ${name}`, async () => {
      const path = await make();
      expect(await summary(path)).toEqual(expected);
      expect((await analyzeImage(path, wantsEtc)).meta.format).toBe(format);
    });
  }

  it('names images from RepoTags and OCI annotations', async () => {
    const d25 = await analyzeImage(writeTemp(await docker25Tar(spec), 'd25.tar'), wantsEtc);
    expect(d25.meta.names).toEqual(['example/app:1.2']);
    expect(d25.meta.manifestDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });
});

describe('choosing one image', () => {
  const arm: ImageSpec = {
    ...spec,
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    layers: [[{ path: 'etc/arch', content: 'arm64' }]],
  };
  const amd: ImageSpec = {
    ...spec,
    platform: { os: 'linux', architecture: 'amd64' },
    layers: [[{ path: 'etc/arch', content: 'amd64' }]],
  };

  it('defaults to linux/amd64 in a multi-platform index, and takes --platform', async () => {
    const path = writeTemp(await multiPlatformOciTar([arm, amd], 'myapp:1.2'), 'multi.tar');
    expect((await analyzeImage(path, wantsEtc)).files[0].content.toString()).toBe('amd64');
    const chosen = await analyzeImage(path, wantsEtc, { platform: 'linux/arm64', image: 'myapp:1.2' });
    expect(chosen.files[0].content.toString()).toBe('arm64');
    expect(chosen.meta.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  });

  it('lists the platforms when the asked one is missing', async () => {
    const path = writeTemp(await multiPlatformOciTar([arm, amd], 'myapp:1.2'), 'multi.tar');
    await expect(analyzeImage(path, wantsEtc, { platform: 'linux/s390x' })).rejects.toThrow(
      /has no image for platform linux\/s390x; it has: myapp:1.2 \(linux\/arm64\/v8\); myapp:1.2 \(linux\/amd64\)/,
    );
  });

  it('selects by --image in a docker save of several images and lists them when ambiguous', async () => {
    const path = writeTemp(await twoImageDockerTar(), 'two.tar');
    await expect(analyzeImage(path, wantsEtc)).rejects.toThrow(
      /holds 2 images; choose one with --image: first:1; second:2/,
    );
    const second = await analyzeImage(path, wantsEtc, { image: 'docker.io/library/second:2' });
    expect(second.files.map((f) => f.content.toString())).toEqual(['second']);
    await expect(analyzeImage(path, wantsEtc, { image: 'third:3' })).rejects.toThrow(
      /has no image named third:3; it holds: first:1; second:2/,
    );
  });
});

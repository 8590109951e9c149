import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageMeta, Layer, Sbom } from '../../../sbom/model.js';
import { apkCataloger } from '../../../catalogers/apk/cataloger.js';
import { baseDb, curlDb } from '../../../catalogers/apk/testdata/alpine-3.20.js';
import { dpkgCataloger } from '../../../catalogers/dpkg/cataloger.js';
import { osReleaseDetector } from '../../../catalogers/os-release/detector.js';
import { contextFromLayers, testLayer, type LayerContents } from '../../../catalogers/common/testdata/context.js';
import type { Cataloger } from '../../../catalogers/types.js';

/**
 * SBOMs for the renderer tests, produced by the real catalogers from their real-data
 * fixtures (see src/catalogers/<name>/testdata/README.md), over synthetic layers.
 */
const catalogers = path.resolve(import.meta.dirname, '../../../catalogers');
const read = (p: string) => readFileSync(path.join(catalogers, p), 'utf8');

function meta(name: string, layers: Layer[], createdBy: string[]): ImageMeta {
  return {
    source: `/images/${name.replace(/[/:]/g, '_')}.tar`,
    format: 'docker-archive',
    names: [name],
    configDigest: `sha256:${'c'.repeat(64)}`,
    platform: { os: 'linux', architecture: 'amd64' },
    layers: layers.map((l, i) => ({ ...l, size: 1000 * (i + 1), createdBy: createdBy[i] })),
    labels: {},
    annotations: {},
    history: createdBy.map((c) => ({ createdBy: c, emptyLayer: false })),
  };
}

function build(name: string, layers: LayerContents[], createdBy: string[], cataloger: Cataloger): Sbom {
  const detected = osReleaseDetector.detect(contextFromLayers(layers, undefined, osReleaseDetector.wants).files);
  const result = cataloger.catalog(contextFromLayers(layers, detected.distro, cataloger.wants));
  return {
    schemaVersion: 1,
    image: meta(
      name,
      layers.map((_, i) => testLayer(i)),
      createdBy,
    ),
    distro: detected.distro,
    packages: result.packages,
    warnings: [...detected.warnings, ...result.warnings],
    catalogers: { [osReleaseDetector.name]: osReleaseDetector.version, [cataloger.name]: cataloger.version },
    generatedAt: '2026-11-24T10:30:00.123Z',
    tool: { name: 'airlock', version: '0.1.0' },
  };
}

function paragraphs(file: string): Map<string, string> {
  return new Map(
    read(file)
      .trim()
      .split('\n\n')
      .map((p) => [/^Package: (.+)$/m.exec(p)![1], p]),
  );
}

/** Debian 12: a base layer, then a layer that installs bash, gcc-12-base and zlib1g. */
export function debianSample(): Sbom {
  const p = paragraphs('dpkg/testdata/binnmu.status');
  const zlib = read('dpkg/testdata/distroless/status.d/zlib1g').trim();
  const status = (...names: string[]) => `${names.map((n) => p.get(n) ?? zlib).join('\n\n')}\n`;
  const layers: LayerContents[] = [
    {
      '/usr/lib/os-release': read('os-release/testdata/debian-12.os-release'),
      '/var/lib/dpkg/status': status('adduser', 'bsdutils'),
    },
    {
      '/var/lib/dpkg/status': status('adduser', 'bash', 'bsdutils', 'gcc-12-base', 'zlib1g'),
      '/usr/share/doc/bash/copyright': read('dpkg/testdata/copyright/bash'),
      '/usr/share/doc/zlib1g/copyright': read('dpkg/testdata/copyright/zlib1g'),
      '/var/lib/dpkg/status.d/broken': read('dpkg/testdata/corrupt.status').split('\n\n')[1],
    },
  ];
  return build(
    'registry.example/debian-app:1.0',
    layers,
    [
      '/bin/sh -c #(nop) ADD file:bookworm-rootfs.tar.xz in / ',
      'RUN /bin/sh -c apt-get install -y bash zlib1g # buildkit',
    ],
    dpkgCataloger,
  );
}

/** Alpine 3.20: the base image, then `apk add curl tzdata`. */
export function alpineSample(): Sbom {
  // The apk database is written by testdata/alpine-3.20.ts; the image is labelled 3.20.2,
  // whose os-release differs from 3.20.3's in VERSION_ID only.
  const layers: LayerContents[] = [
    {
      '/etc/os-release': read('os-release/testdata/alpine-3.20.3.os-release').replace('3.20.3', '3.20.2'),
      '/lib/apk/db/installed': baseDb(),
    },
    { '/lib/apk/db/installed': curlDb() },
  ];
  return build(
    'alpine-curl:3.20',
    layers,
    ['ADD alpine-minirootfs-3.20.2-x86_64.tar.gz / # buildkit', 'RUN /bin/sh -c apk add curl tzdata # buildkit'],
    apkCataloger,
  );
}

/** Every sample, for checks that hold for any SBOM. */
export function allSamples(): [string, Sbom][] {
  return [
    ['debian', debianSample()],
    ['alpine', alpineSample()],
  ];
}

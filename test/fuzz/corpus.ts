/**
 * The fuzzer's seed inputs, all real formats made by our test builders or taken from
 * ../shared: a small Debian-and-Alpine-and-Java-and-npm image in each archive layout
 * airlock reads (classic docker save, OCI archive with gzip and zstd layers, Docker 25),
 * a small signed bundle of real KEV records, and small real feed files. Built once per
 * run; each case mutates a copy.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { baseDb } from '../../src/catalogers/apk/testdata/alpine-3.20.js';
import { pomProperties, zipOf } from '../support/hostile-inputs.js';
import type { ImageSpec, TreeEntry } from '../support/image-builder.js';

export const FEEDS = resolve(process.cwd(), '../shared/feeds');

/** The files inside the image layers: each a real format a cataloger reads. */
export function seedLayers(): TreeEntry[][] {
  const dpkg = readFileSync(resolve(process.cwd(), 'src/catalogers/dpkg/testdata/binnmu.status'));
  return [
    [
      { path: 'etc/' },
      {
        path: 'etc/os-release',
        content:
          'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
      },
      { path: 'var/lib/dpkg/status', content: dpkg },
      { path: 'lib/apk/db/installed', content: baseDb() },
    ],
    [
      {
        path: 'opt/app/app.jar',
        content: zipOf([
          pomProperties('org.apache.logging.log4j', 'log4j-core', '2.14.1'),
          {
            name: 'META-INF/MANIFEST.MF',
            content: Buffer.from('Manifest-Version: 1.0\nImplementation-Version: 2.14.1\n'),
          },
        ]),
      },
      {
        path: 'srv/node_modules/lodash/package.json',
        content: JSON.stringify({ name: 'lodash', version: '4.17.20', license: 'MIT' }),
      },
      {
        path: 'srv/web/pnpm-lock.yaml',
        content: readFileSync(resolve(process.cwd(), 'src/catalogers/npm/testdata/pnpm9/pnpm-lock.yaml')),
      },
      { path: 'usr/lib/os-link', type: 'symlink', linkname: '../../etc/os-release' },
      { path: 'var/lib/dpkg/status-old', type: 'hardlink', linkname: 'var/lib/dpkg/status' },
    ],
  ];
}

export type Layout = 'docker-archive' | 'oci-gzip' | 'oci-zstd' | 'docker25';

export function seedSpec(layout: Layout): ImageSpec {
  const compression = layout === 'oci-gzip' ? 'gzip' : layout === 'oci-zstd' ? 'zstd' : 'none';
  return { layers: seedLayers(), compression, repoTags: ['fuzz:seed'] };
}

/** Small real feed files, by their path under ../shared/feeds (the importers find them by that path). */
export const FEED_SEEDS = [
  'epss/epss_scores-2026-09-29.head.csv',
  'debian-tracker-json-excerpt/debian.json',
  'ghsa-osv/advisories/github-reviewed/2024/09/GHSA-qwcr-r2fm-qrc7/GHSA-qwcr-r2fm-qrc7.json',
  'ubuntu-osv-samples/USN-5614-1.json',
  'alpine-secdb/official-yaml/v3.10/community.yaml',
  'redhat-csaf-samples/rhsa-2024_6163.json',
];

export function feedSeed(relative: string): Buffer {
  return readFileSync(join(FEEDS, relative));
}

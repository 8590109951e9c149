/**
 * A small Alpine image built with the test image builder: the alpine:3.20 minirootfs
 * package database of src/catalogers/apk/testdata (Alpine's names, versions and origins)
 * under an os-release naming the release asked for. The coverage tests use it as "an
 * Alpine release the database has data for" (3.20) and "one it has none for" (3.19).
 */
import { baseDb } from '../../src/catalogers/apk/testdata/alpine-3.20.js';
import { dockerClassicTar, writeTemp } from './image-builder.js';

export function alpineOsRelease(versionId: string): string {
  const branch = versionId.split('.').slice(0, 2).join('.');
  return [
    'NAME="Alpine Linux"',
    'ID=alpine',
    `VERSION_ID=${versionId}`,
    `PRETTY_NAME="Alpine Linux v${branch}"`,
    'HOME_URL="https://alpinelinux.org/"',
    '',
  ].join('\n');
}

/** Writes `alpine-<versionId>.tar` (classic docker save) to a temporary directory and returns its path. */
export async function alpineImageTar(versionId: string): Promise<string> {
  const tar = await dockerClassicTar({
    repoTags: [`alpine:${versionId}`],
    layers: [
      [
        { path: 'etc/' },
        { path: 'etc/os-release', content: alpineOsRelease(versionId) },
        { path: 'etc/alpine-release', content: `${versionId}\n` },
        { path: 'lib/' },
        { path: 'lib/apk/' },
        { path: 'lib/apk/db/' },
        { path: 'lib/apk/db/installed', content: baseDb() },
      ],
    ],
    createdBy: [`ADD alpine-minirootfs-${versionId}-x86_64.tar.gz /`],
  });
  return writeTemp(tar, `alpine-${versionId}.tar`);
}

/** The same packages with no os-release and no /etc/alpine-release: a distro airlock cannot identify. */
export async function unidentifiedApkImageTar(): Promise<string> {
  const tar = await dockerClassicTar({
    repoTags: ['nameless:1'],
    layers: [
      [
        { path: 'lib/' },
        { path: 'lib/apk/' },
        { path: 'lib/apk/db/' },
        { path: 'lib/apk/db/installed', content: baseDb() },
      ],
    ],
    createdBy: ['ADD rootfs.tar.gz /'],
  });
  return writeTemp(tar, 'nameless.tar');
}

/**
 * Each Alpine branch matched in the version order of the apk-tools that wrote it (issue 12),
 * end to end: an Alpine 3.11 image (apk-tools 2) with python2 2.7.16-r1 installed, against
 * the real v3.11 secdb in ../shared/feeds, where python2's fix for CVE-2019-16056 and
 * CVE-2019-16935 is spelled `2.7.16-33`. apk-tools 2 reads the `-33` as an invalid rest and
 * ranks it above 2.7.16-r1, so 2.7.16-r1 is affected; apk-tools 3's order would rank it
 * below, and report the package clean of both.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../src/catalogers/apk/testdata/alpine-3.20.js';
import { writeDb } from '../src/catalogers/apk/testdata/fdb-writer.js';
import Cves from '../src/commands/cves.js';
import { buildFeedDb, type TestDb } from '../src/match/testdata/feed-db.js';
import { comparatorFor } from '../src/versions/index.js';
import { alpineOsRelease } from './support/alpine-image.js';
import { dockerClassicTar, writeTemp } from './support/image-builder.js';
import { run } from './support/run-command.js';

/** Alpine 3.11's python2 package, by the name, origin and version its secdb lists; one file. */
const PYTHON2 = {
  name: 'python2',
  version: '2.7.16-r1',
  description: 'A high-level scripting language',
  url: 'https://www.python.org/',
  license: 'PSF-2.0',
  dirs: [{ path: 'usr/bin', files: [{ name: 'python2.7', acl: '0:0:755' }] }],
};

let t: TestDb;
let image: string;
beforeAll(async () => {
  t = await buildFeedDb(['alpine-secdb']);
  image = writeTemp(
    await dockerClassicTar({
      repoTags: ['alpine-python2:3.11'],
      layers: [
        [
          { path: 'etc/' },
          { path: 'etc/os-release', content: alpineOsRelease('3.11.6') },
          { path: 'lib/' },
          { path: 'lib/apk/' },
          { path: 'lib/apk/db/' },
          { path: 'lib/apk/db/installed', content: writeDb([...BASE, PYTHON2]) },
        ],
      ],
    }),
    'alpine-3.11-python2.tar',
  );
}, 120_000);
afterAll(() => {
  t?.close();
  if (image) rmSync(path.dirname(image), { recursive: true, force: true });
});

describe('apk-tools 2 order for Alpine 3.11', () => {
  it('python2 2.7.16-r1 is affected by the CVEs secdb says `2.7.16-33` fixed, as apk-tools 2 orders them', async () => {
    const report = JSON.parse((await run(Cves, [image, '--db', t.file, '--format', 'json'])).stdout);
    const python2 = (
      report.findings as { vulnId: string; package: { name: string; version: string }; fixedVersion?: string }[]
    )
      .filter((f) => f.package.name === 'python2')
      .map((f) => `${f.vulnId} ${f.package.version} fixed ${f.fixedVersion}`)
      .sort();
    expect(python2).toEqual(['CVE-2019-16056 2.7.16-r1 fixed 2.7.16-33', 'CVE-2019-16935 2.7.16-r1 fixed 2.7.16-33']);
    // The order that tells them apart: apk-tools 3 would call 2.7.16-r1 newer than the fix.
    expect(comparatorFor('apk2').compare('2.7.16-r1', '2.7.16-33')).toBe(-1);
    expect(comparatorFor('apk').compare('2.7.16-r1', '2.7.16-33')).toBe(1);
  });
});

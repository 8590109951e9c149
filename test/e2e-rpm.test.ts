import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndbRpmDb } from '../src/catalogers/rpm/testdata/ndb-writer.js';
import {
  bdbRpmDb,
  buildRpms,
  sqliteBlobs,
  sqliteRpmDb,
  type RpmFixture,
} from '../src/catalogers/rpm/testdata/rpmdb-builder.js';
import type { Sbom } from '../src/sbom/model.js';
import { generateSbom } from '../src/services/sbom.js';
import { dockerClassicTar, writeTemp, type TreeEntry } from './support/image-builder.js';

/** Rocky Linux 9.3's /etc/os-release (the fields the detector reads). */
const ROCKY_OS_RELEASE = `NAME="Rocky Linux"
VERSION="9.3 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
`;

/** A real jar that the airlock-hello rpm's file list claims (/opt/airlock/lib/commons-io.jar). */
const COMMONS_IO = '/usr/share/java/commons-io.jar';

let fixture: RpmFixture;
let helloOnly: string;
let all: string;

beforeAll(() => {
  fixture = buildRpms();
  helloOnly = sqliteRpmDb(fixture, ['airlock-hello']);
  all = sqliteRpmDb(fixture, ['airlock-hello', 'airlock-tools', 'airlock-tools-doc']);
});
afterAll(() => fixture?.cleanup());

async function sbomOf(layers: TreeEntry[][]): Promise<Sbom> {
  return generateSbom(writeTemp(await dockerClassicTar({ layers }), 'rpm-image.tar'));
}

const rows = (sbom: Sbom) =>
  sbom.packages
    .filter((p) => p.type === 'rpm')
    .map((p) => [p.name, p.version, p.sourceName, p.purl, p.licenses, p.locations[0].path]);

describe('rpm packages of an image, from each database format', () => {
  const expected = (path: string) => [
    [
      'airlock-hello',
      '2:1.2.3-4',
      'airlock-hello',
      'pkg:rpm/rocky/airlock-hello@2:1.2.3-4?arch=noarch&distro=rocky-9.3',
      ['MIT and (Apache-2.0 or BSD)'],
      path,
    ],
    [
      'airlock-tools',
      '0.9-1.el9',
      'airlock-tools',
      'pkg:rpm/rocky/airlock-tools@0.9-1.el9?arch=noarch&distro=rocky-9.3',
      ['GPL-2.0-or-later'],
      path,
    ],
    [
      'airlock-tools-doc',
      '0.9-1.el9',
      'airlock-tools',
      'pkg:rpm/rocky/airlock-tools-doc@0.9-1.el9?arch=noarch&distro=rocky-9.3&upstream=airlock-tools',
      ['GPL-2.0-or-later'],
      path,
    ],
  ];

  it('sqlite across two layers: each package from the layer that installed it; a jar in its file list is owned by it', async () => {
    const sbom = await sbomOf([
      [
        { path: 'etc/os-release', content: ROCKY_OS_RELEASE },
        { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(helloOnly) },
      ],
      [
        { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(all) },
        { path: 'opt/airlock/lib/commons-io.jar', content: readFileSync(COMMONS_IO) },
        { path: 'srv/app/commons-io-2.11.0.jar', content: readFileSync(COMMONS_IO) },
      ],
    ]);
    expect(rows(sbom)).toEqual(expected('/var/lib/rpm/rpmdb.sqlite'));
    const [first, second] = sbom.image.layers.map((l) => l.diffId);
    expect(sbom.packages.filter((p) => p.type === 'rpm').map((p) => p.introducedByLayer)).toEqual([
      first,
      second,
      second,
    ]);
    const jars = sbom.packages
      .filter((p) => p.type === 'maven')
      .map((p) => [p.name, p.version, p.locations[0].path, p.ownedBy]);
    expect(jars).toEqual([
      ['commons-io:commons-io', '2.11.0', '/opt/airlock/lib/commons-io.jar', { type: 'rpm', name: 'airlock-hello' }],
      ['commons-io:commons-io', '2.11.0', '/srv/app/commons-io-2.11.0.jar', undefined],
    ]);
    expect(sbom.warnings).toEqual([]);
  });

  it('Berkeley DB Packages (legacy /var/lib/rpm) and ndb Packages.db (/usr/lib/sysimage/rpm)', async () => {
    const blobs = sqliteBlobs(all);
    for (const [path, file] of [
      ['var/lib/rpm/Packages', bdbRpmDb(fixture, blobs, 4096)],
      ['usr/lib/sysimage/rpm/Packages.db', ndbRpmDb(fixture, blobs)],
    ]) {
      const sbom = await sbomOf([
        [
          { path: 'etc/os-release', content: ROCKY_OS_RELEASE },
          { path, content: readFileSync(file) },
        ],
      ]);
      expect(rows(sbom), path).toEqual(expected(`/${path}`));
    }
  });

  it('a database left behind in an older format does not double the packages', async () => {
    const bdb = bdbRpmDb(fixture, sqliteBlobs(all), 4096);
    const sbom = await sbomOf([
      [
        { path: 'etc/os-release', content: ROCKY_OS_RELEASE },
        { path: 'var/lib/rpm/Packages', content: readFileSync(bdb) },
        { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(all) },
      ],
    ]);
    expect(rows(sbom)).toEqual(expected('/var/lib/rpm/rpmdb.sqlite'));
  });

  it('a database deleted by a later layer is not reported; a damaged one is a warning naming it', async () => {
    const deleted = await sbomOf([
      [{ path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(all) }],
      [{ path: 'var/lib/rpm/.wh.rpmdb.sqlite', content: '' }],
    ]);
    expect(rows(deleted)).toEqual([]);
    const damaged = await sbomOf([[{ path: 'var/lib/rpm/Packages', content: readFileSync(all).subarray(0, 4096) }]]);
    expect(rows(damaged)).toEqual([]);
    expect(damaged.warnings).toEqual([
      { path: '/var/lib/rpm/Packages', message: 'could not be analyzed: not a Berkeley DB hash database (layer 1)' },
    ]);
  });

  it('layer changes: a layer whose database cannot be read changes nothing; a whiteout removes everything', async () => {
    const sbom = await sbomOf([
      [
        { path: 'etc/os-release', content: ROCKY_OS_RELEASE },
        { path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(helloOnly) },
      ],
      [{ path: 'var/lib/rpm/rpmdb.sqlite', content: Buffer.from('SQLite format 3\0 but cut short') }],
      [{ path: 'var/lib/rpm/rpmdb.sqlite', content: readFileSync(all) }],
      [{ path: 'var/lib/rpm/.wh.rpmdb.sqlite', content: '' }],
    ]);
    const diffIds = sbom.image.layers.map((l) => l.diffId);
    const names = (list: { name: string }[]) => list.map((p) => p.name);
    expect(
      sbom.layerChanges?.map((c) => [diffIds.indexOf(c.layer), names(c.added), names(c.removed), c.changed]),
    ).toEqual([
      [0, ['airlock-hello'], [], []],
      [2, ['airlock-tools', 'airlock-tools-doc'], [], []],
      [3, [], ['airlock-hello', 'airlock-tools', 'airlock-tools-doc'], []],
    ]);
    expect(sbom.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^could not be analyzed: .*\(layer 2\)$/),
    ]);
  });
});

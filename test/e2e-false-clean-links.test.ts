/**
 * Issue 11, false clean through links: what a cataloger reads at a path is what
 * `docker run` would see there, however the bytes got there (a symlinked parent from
 * this layer or a lower one, a hard link in this layer or to a lower one); where that
 * cannot be known, a warning on the path and never the decoy. A one-pass (gzip-whole)
 * archive reads the layers holding such bodies again, in a second pass. The package
 * database and os-release are the real ones of ../shared's Debian bookworm image; the
 * decoys are real stanzas of the same file, so a decoy that wins shows up as other packages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { generateSbom } from '../src/services/sbom.js';
import { dockerClassicTar, ociArchiveTar, writeTemp, type ImageSpec, type TreeEntry } from './support/image-builder.js';
import { shared } from './support/fixtures.js';
import type { Sbom } from '../src/sbom/model.js';

const REAL_IMAGE = `${shared}/images/debian-bookworm-minbase.oci.tar`;

/** A file of the real image's only layer, read with the system tar (not with airlock). */
function fromRealImage(path: string): string {
  const index = JSON.parse(execSync(`tar -xOf '${REAL_IMAGE}' index.json`).toString());
  const manifest = JSON.parse(
    execSync(`tar -xOf '${REAL_IMAGE}' blobs/sha256/${index.manifests[0].digest.slice(7)}`).toString(),
  );
  const layer = manifest.layers[0].digest.slice(7);
  return execSync(`tar -xOf '${REAL_IMAGE}' blobs/sha256/${layer} | tar -xzOf - ${path}`, {
    maxBuffer: 64 << 20,
  }).toString();
}

let real: string; // three real stanzas: what the image really holds
let decoy: string; // two other real stanzas: what an attacker wants reported
let realNames: string[];
let decoyNames: string[];
let osRelease: string;
const decoyOsRelease = 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n';

const names = (status: string) => [...status.matchAll(/^Package: (.+)$/gm)].map((m) => m[1]).sort();

beforeAll(() => {
  const stanzas = fromRealImage('var/lib/dpkg/status').split(/\n\n+/).filter(Boolean);
  real = `${stanzas.slice(0, 3).join('\n\n')}\n`;
  decoy = `${stanzas.slice(3, 5).join('\n\n')}\n`;
  realNames = names(real);
  decoyNames = names(decoy);
  osRelease = fromRealImage('usr/lib/os-release');
  expect(realNames).toHaveLength(3);
  expect(decoyNames).toHaveLength(2);
  expect(osRelease).toContain('VERSION_CODENAME=bookworm');
});

type Form = 'docker-archive' | 'oci-archive' | 'gzip-whole';
const FORMS: Form[] = ['docker-archive', 'oci-archive', 'gzip-whole'];

async function sbomOf(layers: TreeEntry[][], form: Form): Promise<Sbom> {
  const spec: ImageSpec = { layers, compression: form === 'oci-archive' ? 'gzip' : 'none' };
  const file =
    form === 'docker-archive'
      ? writeTemp(await dockerClassicTar(spec), 'image.tar')
      : form === 'oci-archive'
        ? writeTemp(await ociArchiveTar(spec), 'image.oci.tar')
        : writeTemp(gzipSync(await dockerClassicTar(spec)), 'image.tar.gz');
  return generateSbom(file);
}

const debs = (sbom: Sbom) =>
  sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => p.name)
    .sort();
const warningsOn = (sbom: Sbom, path: string) => sbom.warnings.filter((w) => w.path === path);

describe.each(FORMS)('false clean through links (%s)', (form) => {
  it('reads a status written through a relative symlinked parent in the same layer', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'var/lib/dpkg/status', content: decoy },
          { path: 'lnk', type: 'symlink', linkname: 'var/lib/dpkg' },
          { path: 'lnk/status', content: real },
        ],
      ],
      form,
    );
    expect(debs(sbom)).toEqual(realNames);
  });

  it('reads a status written through an absolute symlink chain in the same layer', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'var/lib/dpkg/status', content: decoy },
          { path: 'a', type: 'symlink', linkname: '/b' },
          { path: 'b', type: 'symlink', linkname: '../../var/lib/dpkg' }, // `..` stops at the image root
          { path: 'a/status', content: real },
        ],
      ],
      form,
    );
    expect(debs(sbom)).toEqual(realNames);
  });

  it('reads /etc/os-release written through evil -> /etc', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'etc/os-release', content: decoyOsRelease },
          { path: 'evil', type: 'symlink', linkname: '/etc' },
          { path: 'evil/os-release', content: osRelease },
        ],
      ],
      form,
    );
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12' });
  });

  it('follows a symlink a lower layer made', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'var/lib/dpkg/status', content: decoy },
          { path: 'lnk', type: 'symlink', linkname: '/var/lib/dpkg' },
          { path: 'etc/os-release', content: decoyOsRelease },
          { path: 'evil', type: 'symlink', linkname: '../etc' },
        ],
        [
          { path: 'lnk/status', content: real },
          { path: 'evil/os-release', content: osRelease },
        ],
      ],
      form,
    );
    // A one-pass archive reads the second layer again in a second pass over the archive.
    expect(debs(sbom)).toEqual(realNames);
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12' });
    // The packages came in with the second layer, the one that wrote through the link.
    const second = sbom.image.layers[1].diffId;
    expect(sbom.packages.filter((p) => p.type === 'deb').map((p) => p.introducedByLayer)).toEqual([
      second,
      second,
      second,
    ]);
    expect(warningsOn(sbom, '/var/lib/dpkg/status')).toEqual([]);
  });

  it('reads a package database that is a hard link to a file of the same layer', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'opt/x/blob', content: real },
          { path: 'var/lib/dpkg/status', type: 'hardlink', linkname: 'opt/x/blob' },
        ],
      ],
      form,
    );
    expect(debs(sbom)).toEqual(realNames);
    expect(warningsOn(sbom, '/var/lib/dpkg/status')).toEqual([]);
  });

  it('reads a package database that is a hard link to a file of a lower layer, after a decoy', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'var/lib/dpkg/status', content: decoy },
          { path: 'opt/x/blob', content: real },
        ],
        [{ path: 'var/lib/dpkg/status', type: 'hardlink', linkname: './opt/x/blob' }],
      ],
      form,
    );
    expect(debs(sbom)).toEqual(realNames);
    expect(warningsOn(sbom, '/var/lib/dpkg/status')).toEqual([]);
  });

  it("resolves a link's relative target from where the link really is, through a lower layer's link", async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'etc/os-release', content: osRelease },
          { path: 'p/q', type: 'dir' },
          { path: 'x', type: 'symlink', linkname: 'p/q' },
        ],
        [
          // x/l is really p/q/l, so ../etc is p/etc: the decoy lands in p/etc, not in /etc.
          { path: 'x/l', type: 'symlink', linkname: '../etc' },
          { path: 'x/l/os-release', content: decoyOsRelease },
        ],
      ],
      form,
    );
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12' });
  });

  it('reads the status a later layer put behind a symlinked /var/lib/dpkg', async () => {
    const sbom = await sbomOf(
      [
        [{ path: 'var/lib/dpkg/status', content: decoy }],
        [
          { path: 'opt/db/status', content: real },
          { path: 'var/lib/.wh.dpkg' },
          { path: 'var/lib/dpkg', type: 'symlink', linkname: '/opt/db' },
        ],
      ],
      form,
    );
    expect(debs(sbom)).toEqual(realNames);
  });

  it('a hard link to a missing file over a decoy: a warning on the path, never the decoy', async () => {
    const sbom = await sbomOf(
      [
        [{ path: 'var/lib/dpkg/status', content: decoy }],
        [{ path: 'var/lib/dpkg/status', type: 'hardlink', linkname: 'opt/gone' }],
      ],
      form,
    );
    expect(debs(sbom)).toEqual([]);
    expect(warningsOn(sbom, '/var/lib/dpkg/status').map((w) => w.message)).toEqual([
      'hard link to missing /opt/gone; what is at this path is not known',
    ]);
  });

  it('an entry below a symlink loop is ignored with a warning', async () => {
    const sbom = await sbomOf(
      [
        [
          { path: 'l1', type: 'symlink', linkname: 'l2' },
          { path: 'l2', type: 'symlink', linkname: '/l1' },
        ],
        [{ path: 'l1/status', content: real }],
      ],
      form,
    );
    expect(debs(sbom)).toEqual([]);
    expect(warningsOn(sbom, '/l1/status').map((w) => w.message)).toEqual(['entry lies below a symlink loop; ignored']);
  });

  it('a hard link to a wanted file shares its body in every form', async () => {
    const sbom = await sbomOf(
      [
        [{ path: 'var/lib/dpkg/status.d/base', content: real }],
        [{ path: 'var/lib/dpkg/status', type: 'hardlink', linkname: 'var/lib/dpkg/status.d/base' }],
      ],
      form,
    );
    expect(warningsOn(sbom, '/var/lib/dpkg/status')).toEqual([]);
    expect(debs(sbom)).toEqual(expect.arrayContaining(realNames));
  });
});

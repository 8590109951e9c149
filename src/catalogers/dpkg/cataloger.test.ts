import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Distro } from '../../sbom/model.js';
import { contextFromLayers, testLayer, type LayerContents } from '../common/testdata/context.js';
import { dpkgCataloger } from './cataloger.js';

const testdata = path.join(import.meta.dirname, 'testdata');
const fixture = (name: string) => readFileSync(path.join(testdata, name), 'utf8');
const bookworm: Distro = { id: 'debian', versionId: '12', codename: 'bookworm' };

function catalog(layers: LayerContents[], distro: Distro | undefined = bookworm) {
  return dpkgCataloger.catalog(contextFromLayers(layers, distro, dpkgCataloger.wants));
}

/** The paragraphs of a fixture by package name, to compose status files layer by layer. */
function paragraphsOf(name: string): Map<string, string> {
  return new Map(
    fixture(name)
      .trim()
      .split('\n\n')
      .map((p) => [/^Package: (.+)$/m.exec(p)![1], p]),
  );
}

describe('dpkgCataloger.wants', () => {
  it('selects the status file, status.d entries and copyright files only', () => {
    const yes = ['/var/lib/dpkg/status', '/var/lib/dpkg/status.d/libc6', '/usr/share/doc/bash/copyright'];
    const no = [
      '/var/lib/dpkg/status-old',
      '/var/lib/dpkg/status.d/libc6.md5sums',
      '/var/lib/dpkg/status.d/',
      '/usr/share/doc/bash/changelog.gz',
      '/usr/share/doc/bash/x/copyright',
    ];
    for (const p of yes) expect(dpkgCataloger.wants(p), p).toBe(true);
    for (const p of no) expect(dpkgCataloger.wants(p), p).toBe(false);
  });
});

describe('dpkgCataloger.catalog', () => {
  it('builds syft-style purls with upstream for binNMUs and renamed sources', () => {
    const { packages, warnings } = catalog([{ '/var/lib/dpkg/status': fixture('binnmu.status') }]);
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.sourceName, p.sourceVersion, p.purl])).toEqual([
      ['adduser', 'adduser', undefined, 'pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12'],
      [
        'bash',
        'bash',
        '5.2.15-2',
        'pkg:deb/debian/bash@5.2.15-2+b13?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2',
      ],
      [
        'bsdutils',
        'util-linux',
        '2.38.1-5+deb12u3',
        'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u3?arch=amd64&distro=debian-12&upstream=util-linux%402.38.1-5%2Bdeb12u3',
      ],
      [
        'gcc-12-base',
        'gcc-12',
        undefined,
        'pkg:deb/debian/gcc-12-base@12.2.0-14+deb12u1?arch=amd64&distro=debian-12&upstream=gcc-12',
      ],
    ]);
    expect(packages[1]).toMatchObject({
      type: 'deb',
      arch: 'amd64',
      foundBy: 'dpkg',
      metadata: { maintainer: 'Matthias Klose <doko@debian.org>', installedSize: 7164 },
      locations: [{ path: '/var/lib/dpkg/status', layerDiffId: testLayer(0).diffId }],
    });
  });

  it('uses the distro id as purl namespace and omits the distro qualifier when unknown', () => {
    const status = { '/var/lib/dpkg/status': fixture('binnmu.status') };
    const jammy = catalog([status], { id: 'ubuntu', versionId: '22.04', codename: 'jammy' }).packages[0];
    expect(jammy.purl).toBe('pkg:deb/ubuntu/adduser@3.134?arch=all&distro=ubuntu-22.04');
    expect(dpkgCataloger.catalog(contextFromLayers([status], undefined, dpkgCataloger.wants)).packages[0].purl).toBe(
      'pkg:deb/debian/adduser@3.134?arch=all',
    );
  });

  it('reads distroless status.d entries and ignores their md5sums', () => {
    const dir = path.join(testdata, 'distroless', 'status.d');
    const layer: LayerContents = {};
    for (const name of readdirSync(dir)) layer[`/var/lib/dpkg/status.d/${name}`] = readFileSync(path.join(dir, name));
    const { packages, warnings } = catalog([layer]);
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.version, p.sourceName, p.locations[0].path])).toEqual([
      ['base-files', '12.4+deb12u15', 'base-files', '/var/lib/dpkg/status.d/base-files'],
      ['libc6', '2.36-9+deb12u14', 'glibc', '/var/lib/dpkg/status.d/libc6'],
      ['zlib1g', '1:1.2.13.dfsg-1', 'zlib', '/var/lib/dpkg/status.d/zlib1g'],
    ]);
  });

  it('records the status.d files a layer added as the packages it added', () => {
    const dir = path.join(testdata, 'distroless', 'status.d');
    const entry = (name: string) => ({ [`/var/lib/dpkg/status.d/${name}`]: readFileSync(path.join(dir, name)) });
    const { layerChanges } = catalog([{ ...entry('base-files'), ...entry('libc6') }, entry('zlib1g')]);
    expect(layerChanges).toEqual([
      {
        layer: testLayer(0).diffId,
        added: [
          { type: 'deb', name: 'base-files', version: '12.4+deb12u15' },
          { type: 'deb', name: 'libc6', version: '2.36-9+deb12u14' },
        ],
        removed: [],
        changed: [],
      },
      {
        layer: testLayer(1).diffId,
        added: [{ type: 'deb', name: 'zlib1g', version: '1:1.2.13.dfsg-1' }],
        removed: [],
        changed: [],
      },
    ]);
  });

  it('turns a corrupt paragraph into a warning and keeps the rest', () => {
    const { packages, warnings } = catalog([{ '/var/lib/dpkg/status': fixture('corrupt.status') }]);
    expect(packages.map((p) => p.name)).toEqual(['adduser', 'bash', 'zlib1g']);
    expect(warnings).toEqual([
      { path: '/var/lib/dpkg/status', message: 'line 46: not a "Field: value" line; paragraph skipped' },
      { path: '/var/lib/dpkg/status', message: 'package debconf (line 83) has no Version field; skipped' },
    ]);
  });

  it('reports held, unpacked and to-be-removed packages but not config-files, half-installed or not-installed ones', () => {
    const { packages, warnings } = catalog([{ '/var/lib/dpkg/status': fixture('removed-packages.status') }]);
    expect(warnings).toEqual([]);
    expect(packages.map((p) => [p.name, p.metadata?.status])).toEqual([
      ['bash', 'hold ok installed'],
      ['hostname', 'install ok unpacked'],
      ['sed', 'deinstall ok installed'],
      ['zlib1g', undefined],
    ]);
  });

  it('attaches DEP-5 licenses from /usr/share/doc/<pkg>/copyright', () => {
    const { packages } = catalog([
      {
        '/var/lib/dpkg/status': fixture('corrupt.status'),
        '/usr/share/doc/zlib1g/copyright': fixture('copyright/zlib1g'),
        '/usr/share/doc/adduser/copyright': fixture('copyright/base-files'),
      },
    ]);
    expect(packages.map((p) => [p.name, p.licenses])).toEqual([
      ['adduser', []],
      ['bash', []],
      ['zlib1g', ['Zlib']],
    ]);
  });
});

describe('introducedByLayer', () => {
  const real = paragraphsOf('binnmu.status');
  const extra = paragraphsOf('removed-packages.status');
  // bash as bookworm 12.0 shipped it, before the +b13 rebuild in the real image.
  const oldBash = real.get('bash')!.replace('Version: 5.2.15-2+b13', 'Version: 5.2.15-2+b2');
  const status = (...paragraphs: string[]) => ({ '/var/lib/dpkg/status': `${paragraphs.join('\n\n')}\n` });

  it('is the earliest layer from which the package stays unchanged up to the final image', () => {
    const layers: LayerContents[] = [
      status(real.get('adduser')!, oldBash, real.get('bsdutils')!), // 0: base image
      status(real.get('adduser')!, oldBash, real.get('bsdutils')!, real.get('gcc-12-base')!), // 1: apt-get install
      status(real.get('bash')!, real.get('bsdutils')!, real.get('gcc-12-base')!), // 2: upgrade bash, purge adduser
      { '/etc/motd': 'unrelated layer\n' }, // 3: does not touch the database
      status(real.get('adduser')!, real.get('bash')!, real.get('bsdutils')!, real.get('gcc-12-base')!), // 4: adduser again
    ];
    const { packages } = catalog(layers);
    const introduced = Object.fromEntries(packages.map((p) => [p.name, p.introducedByLayer]));
    expect(introduced).toEqual({
      adduser: testLayer(4).diffId,
      bash: testLayer(2).diffId,
      bsdutils: testLayer(0).diffId,
      'gcc-12-base': testLayer(1).diffId,
    });
    expect(packages.every((p) => p.locations[0].layerDiffId === testLayer(4).diffId)).toBe(true);
  });

  it('restarts the count after a layer deleted the database', () => {
    const layers: LayerContents[] = [
      status(real.get('bsdutils')!),
      { '/var/lib/dpkg/status': null },
      status(real.get('bsdutils')!),
    ];
    expect(catalog(layers).packages[0].introducedByLayer).toBe(testLayer(2).diffId);
  });

  it('does not count a layer in which the package was only left as config-files', () => {
    const removed = extra.get('sed')!.replace('deinstall ok installed', 'deinstall ok config-files');
    const layers: LayerContents[] = [status(extra.get('sed')!), status(removed), status(extra.get('sed')!)];
    expect(catalog(layers).packages[0].introducedByLayer).toBe(testLayer(2).diffId);
  });

  it('reports nothing when the final layer deleted the database', () => {
    expect(catalog([status(real.get('bash')!), { '/var/lib/dpkg/status': null }]).packages).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { generateSbom } from '../src/services/sbom.js';
import { fixture, fixtures, shared, truthRows } from './support/fixtures.js';

/** name, version, source, source version — the columns of the truth files (dpkg-query's ${source:*}). */
async function dpkgRows(image: string): Promise<string[][]> {
  const sbom = await generateSbom(image);
  return sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => [p.name, p.version, p.sourceName ?? p.name, p.sourceVersion ?? p.version])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('dpkg packages of real images equal their ground truth', () => {
  it('debian-bookworm-minbase.oci.tar from ../shared/images', async () => {
    const image = join(shared, 'images/debian-bookworm-minbase.oci.tar');
    expect(await dpkgRows(image)).toEqual(truthRows(join(shared, 'images/debian-bookworm-minbase.truth/dpkg.tsv')));
  });

  for (const [file, truth] of [
    ['app.docker.tar', 'app'],
    ['app.docker.tar.gz', 'app'],
    ['app.oci.tar', 'app'],
    ['app.docker25.tar', 'app'],
    ['app.skopeo-docker.tar', 'app'],
    ['big.docker.tar', 'big'],
    ['base-trixie.docker.tar', 'base-trixie'],
    ['base-bullseye.oci.tar', 'base-bullseye'],
  ]) {
    it(`${file} (make-fixture-images.sh)`, async () => {
      expect(await dpkgRows(fixture(file))).toEqual(truthRows(join(fixtures, `${truth}.truth/dpkg.tsv`)));
    });
  }

  it('does not report the package purged in a later layer of app, and knows which layer brought each package', async () => {
    const sbom = await generateSbom(fixture('app.docker.tar'));
    const summary = JSON.parse(readFileSync(join(fixtures, 'app.truth/summary.json'), 'utf8'));
    expect(sbom.image.layers.map((l) => l.diffId)).toEqual(summary.diff_ids);
    expect(sbom.packages.find((p) => p.name === 'liblog4j2-java')).toBeUndefined();
    const layerOf = (name: string) => sbom.packages.find((p) => p.name === name)?.introducedByLayer;
    expect(layerOf('base-files')).toBe(summary.diff_ids[0]);
    expect(layerOf('curl')).toBe(summary.diff_ids[1]);
    expect(sbom.distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
    expect(sbom.image.layers[1].createdBy).toContain('apt-get');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractRealImage, realImageContext, REAL_TRUTH, type ExtractedImage } from '../common/testdata/real-image.js';
import { osReleaseDetector } from '../os-release/detector.js';
import { dpkgCataloger } from './cataloger.js';

/**
 * The dpkg cataloger over the real status file of debian-bookworm-minbase must yield the
 * rows of `dpkg-query -W -f '${Package}\t${Version}\t${source:Package}\t${source:Version}\n'`
 * run inside that image.
 */
let image: ExtractedImage;
beforeAll(() => {
  image = extractRealImage();
});
afterAll(() => image?.cleanup());

function catalog() {
  const distro = osReleaseDetector.detect(realImageContext(image, osReleaseDetector.wants).files).distro;
  return dpkgCataloger.catalog({ ...realImageContext(image, dpkgCataloger.wants), distro });
}

describe('dpkg cataloger on the real bookworm image', () => {
  it('yields exactly the packages dpkg-query lists', () => {
    const truth = readFileSync(path.join(REAL_TRUTH, 'dpkg.tsv'), 'utf8').trim().split('\n').sort();
    const { packages, warnings } = catalog();
    expect(warnings).toEqual([]);
    const rows = packages.map((p) => [p.name, p.version, p.sourceName, p.sourceVersion ?? p.version].join('\t')).sort();
    expect(rows).toEqual(truth);
    expect(rows).toHaveLength(88);
  });

  it('names the real layer, the status file and a distro-qualified purl for each package', () => {
    const { packages } = catalog();
    const diffId = 'sha256:92305bf7694fdf2e42153d3640ec2528e2f87ad0f35711c39687754bc9896ce3';
    for (const p of packages) {
      expect(p.introducedByLayer).toBe(diffId);
      expect(p.locations).toEqual([{ path: '/var/lib/dpkg/status', layerDiffId: diffId }]);
      expect(p.purl).toMatch(/^pkg:deb\/debian\/[^@]+@[^?]+\?arch=(amd64|all)&distro=debian-12/);
    }
    const bash = packages.find((p) => p.name === 'bash');
    expect(bash?.purl).toBe('pkg:deb/debian/bash@5.2.15-2+b13?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2');
  });

  it('reads licenses from the machine-readable copyright files only', () => {
    const { packages } = catalog();
    const byName = new Map(packages.map((p) => [p.name, p]));
    expect(byName.get('zlib1g')?.licenses).toEqual(['Zlib']);
    expect(byName.get('adduser')?.licenses).toEqual(['GPL-2+']);
    // base-files and libc6 ship free-form copyright files.
    expect(byName.get('base-files')?.licenses).toEqual([]);
    expect(byName.get('libc6')?.licenses).toEqual([]);
    // 74 of the 88 packages have a copyright file whose header names copyright-format/1.0
    // (counted with awk/grep over the extracted image; libgcc-s1 and libstdc++6 share gcc-12-base's).
    expect(packages.filter((p) => p.licenses.length > 0)).toHaveLength(74);
  });
});

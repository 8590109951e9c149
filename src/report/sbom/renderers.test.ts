import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sbom } from '../../sbom/model.js';
import { dpkgCataloger } from '../../catalogers/dpkg/cataloger.js';
import { osReleaseDetector } from '../../catalogers/os-release/detector.js';
import {
  extractRealImage,
  realImageContext,
  type ExtractedImage,
} from '../../catalogers/common/testdata/real-image.js';
import { renderCycloneDx, renderSbomJson, renderSbomTable, renderSpdx } from './index.js';
import { expectGolden, updatingGoldens } from './testdata/golden.js';
import { allSamples, alpineSample, debianSample } from './testdata/samples.js';
import { cycloneDxValidator, spdxProblems } from './testdata/schemas.js';

describe('golden files', () => {
  it('are not being rewritten in CI', () => {
    expect(process.env.CI && updatingGoldens, 'UPDATE_GOLDEN=1 is set in CI').toBeFalsy();
  });

  it('table', () => {
    expectGolden('debian.table.txt', renderSbomTable(debianSample(), { color: false }));
    expectGolden('debian.table-color-60.txt', renderSbomTable(debianSample(), { color: true, width: 60 }));
    expectGolden('alpine.table.txt', renderSbomTable(alpineSample(), { color: false }));
  });

  it('json', () => {
    expectGolden('debian.sbom.json', renderSbomJson(debianSample()));
  });

  it('cyclonedx', () => {
    expectGolden('debian.cdx.json', renderCycloneDx(debianSample()));
    expectGolden('alpine.cdx.json', renderCycloneDx(alpineSample()));
  });

  it('spdx', () => {
    expectGolden('debian.spdx.json', renderSpdx(debianSample()));
    expectGolden('alpine.spdx.json', renderSpdx(alpineSample()));
  });
});

/** The same SBOM with its packages and warnings in reverse order. */
function shuffled(sbom: Sbom): Sbom {
  return { ...sbom, packages: [...sbom.packages].reverse(), warnings: [...sbom.warnings].reverse() };
}

describe.each(allSamples())('%s sample', (_, sbom) => {
  it('renders the same bytes whatever the package order', () => {
    for (const render of [
      renderSbomJson,
      renderCycloneDx,
      renderSpdx,
      (s: Sbom) => renderSbomTable(s, { color: false }),
    ]) {
      expect(render(shuffled(sbom))).toBe(render(sbom));
    }
  });

  it('renders CycloneDX that the official 1.6 schema accepts', () => {
    const validate = cycloneDxValidator();
    expect(validate(JSON.parse(renderCycloneDx(sbom))), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('renders SPDX 2.3 with the required fields and consistent references', () => {
    expect(spdxProblems(JSON.parse(renderSpdx(sbom)))).toEqual([]);
  });

  it('round-trips the model through JSON', () => {
    expect(JSON.parse(renderSbomJson(sbom))).toEqual({
      ...sbom,
      packages: expect.any(Array),
      warnings: expect.any(Array),
    });
    expect(JSON.parse(renderSbomJson(sbom)).packages).toHaveLength(sbom.packages.length);
  });
});

describe('on the real bookworm image', () => {
  let image: ExtractedImage;
  let sbom: Sbom;
  beforeAll(() => {
    image = extractRealImage();
    const distro = osReleaseDetector.detect(realImageContext(image, osReleaseDetector.wants).files).distro;
    const { packages, warnings } = dpkgCataloger.catalog({ ...realImageContext(image, dpkgCataloger.wants), distro });
    sbom = {
      schemaVersion: 1,
      image: image.meta,
      distro,
      packages,
      warnings,
      catalogers: { 'os-release': 1, dpkg: 1 },
      generatedAt: '2026-11-25T08:00:00.000Z',
      tool: { name: 'airlock', version: '0.1.0' },
    };
  });
  afterAll(() => image?.cleanup());

  it('CycloneDX passes the official schema with all 88 packages and their licenses', () => {
    const bom = JSON.parse(renderCycloneDx(sbom));
    const validate = cycloneDxValidator();
    expect(validate(bom), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    expect(bom.components.filter((c: { type: string }) => c.type === 'library')).toHaveLength(88);
    expect(bom.metadata.component).toMatchObject({ type: 'container', name: 'debian-bookworm-minbase:latest' });
    const zlib = bom.components.find((c: { name: string }) => c.name === 'zlib1g');
    expect(zlib.licenses).toEqual([{ license: { id: 'Zlib', acknowledgement: 'declared' } }]);
  });

  it('SPDX has no structural problems and declares licenses of all DEP-5 packages', () => {
    const doc = JSON.parse(renderSpdx(sbom));
    expect(spdxProblems(doc)).toEqual([]);
    const packages = doc.packages.filter(
      (p: { primaryPackagePurpose: string }) => p.primaryPackagePurpose === 'LIBRARY',
    );
    expect(packages).toHaveLength(88);
    expect(packages.filter((p: { licenseDeclared: string }) => p.licenseDeclared !== 'NOASSERTION')).toHaveLength(74);
    expect(
      doc.relationships.filter((r: { relationshipType: string }) => r.relationshipType === 'CONTAINS'),
    ).toHaveLength(89);
  });

  it('the table lists every package with its layer', () => {
    const table = renderSbomTable(sbom, { color: false });
    expect(table).toContain('Packages 88 (deb 88)');
    expect(table).toMatch(/^deb +bash +5\.2\.15-2\+b13 +bash 5\.2\.15-2 +0$/m);
    expect(table).toContain(
      '0      92305bf7694f  /bin/sh -c #(nop) ADD file:rootfs.tar in / (debootstrap --variant=minbase bookworm)',
    );
  });
});

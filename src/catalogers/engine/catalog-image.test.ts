import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageMeta } from '../../sbom/model.js';
import { testLayer } from '../common/testdata/context.js';
import { dotnetCataloger } from '../dotnet/cataloger.js';
import { PackageURL } from 'packageurl-js';
import { fileCataloger } from '../harness/file-cataloger.js';
import type { Cataloger, DistroDetector, FileVersion, WantedFile } from '../types.js';
import { catalogImage } from './catalog-image.js';

const DEPS = readFileSync(path.join(import.meta.dirname, '../dotnet/testdata/Sarif.Multitool.deps.json'));
const layer = testLayer(0);

/** What the image reader hands the engine: these files, each written by one layer. */
function image(files: Record<string, Buffer | string>) {
  const wanted: WantedFile[] = Object.entries(files).map(([p, body]) => ({
    path: p,
    content: Buffer.from(body),
    layer,
  }));
  const history = new Map<string, FileVersion[]>(wanted.map((f) => [f.path.slice(1), [{ layer, content: f.content }]]));
  return { files: wanted, history, meta: { layers: [layer] } as unknown as ImageMeta };
}

/** A cataloger whose parser breaks on what it reads, as a bug or a hostile file would make it. */
const throwing: Cataloger = {
  name: 'broken',
  version: 1,
  maxFileBytes: 1 << 20,
  wants: (p) => p.endsWith('.deps.json'),
  catalog: () => {
    throw new RangeError('offset out of range');
  },
};

describe('the cataloging engine', () => {
  it('isolates a cataloger that throws: its warning names it and its file, the others still make the SBOM', () => {
    const found = catalogImage(image({ '/app/Sarif.Multitool.deps.json': DEPS }), [throwing, dotnetCataloger], []);
    expect(found.warnings).toEqual([
      {
        path: '/app/Sarif.Multitool.deps.json',
        message: 'the broken cataloger failed on this file: offset out of range; its packages are left out',
      },
      // The dotnet cataloger's own word on the projects built with the application.
      { path: '/app/Sarif.Multitool.deps.json', message: expect.stringMatching(/^7 dependencies are not from NuGet/) },
    ]);
    expect(found.packages.length).toBeGreaterThan(10);
    expect(new Set(found.packages.map((p) => p.foundBy))).toEqual(new Set(['dotnet']));
    // It ran (and failed): its version is still recorded, so the snapshot says what was tried.
    expect(found.catalogers).toEqual({ broken: 1, dotnet: 2 });
  });

  it('isolates a distro detector that throws, and goes on to the next', () => {
    const bad: DistroDetector = {
      name: 'bad-release',
      version: 1,
      maxFileBytes: 1024,
      wants: (p) => p === '/etc/os-release',
      detect: () => {
        throw new Error('boom');
      },
    };
    const good: DistroDetector = {
      ...bad,
      name: 'good',
      detect: () => ({ distro: { id: 'debian', versionId: '12' }, warnings: [] }),
    };
    const found = catalogImage(image({ '/etc/os-release': 'ID=debian\n' }), [], [bad, good]);
    expect(found.distro).toEqual({ id: 'debian', versionId: '12' });
    expect(found.warnings).toEqual([
      {
        path: '/etc/os-release',
        message: 'the bad-release cataloger failed on this file: boom; its packages are left out',
      },
    ]);
  });
});

describe('the file cataloger harness', () => {
  it('turns an unreadable file into a warning on its path and keeps the packages of the other files', () => {
    const found = catalogImage(
      image({ '/a/broken.deps.json': '{"targets": ', '/b/Sarif.Multitool.deps.json': DEPS }),
      [dotnetCataloger],
      [],
    );
    expect(found.warnings).toHaveLength(2);
    expect(found.warnings[1]).toMatchObject({ path: '/b/Sarif.Multitool.deps.json', message: /^7 dependencies/ });
    expect(found.warnings[0]).toMatchObject({
      path: '/a/broken.deps.json',
      message: expect.stringMatching(/^\.NET deps\.json could not be read: /),
    });
    const pkg = found.packages[0];
    expect(pkg).toMatchObject({
      type: 'nuget',
      foundBy: 'dotnet',
      locations: [{ path: '/b/Sarif.Multitool.deps.json', layerDiffId: layer.diffId }],
      introducedByLayer: layer.diffId,
    });
    // The field order SBOM JSON has always had (goldens compare bytes).
    expect(Object.keys(pkg).slice(0, 8)).toEqual([
      'type',
      'name',
      'version',
      'purl',
      'licenses',
      'locations',
      'introducedByLayer',
      'foundBy',
    ]);
  });

  it('skips an entry it cannot write as a purl with a warning, and keeps the rest of the file', () => {
    const lines = fileCataloger<string>({
      name: 'lines',
      version: 1,
      maxFileBytes: 1024,
      wants: (p) => p.endsWith('.list'),
      fileKind: 'list',
      parse: (text) => text.split('\n').filter(Boolean),
      key: (line) => line,
      toPackage: (line) => ({
        type: 'npm',
        name: line,
        version: '1.0.0',
        purl: new PackageURL('npm', undefined, line, '1.0.0').toString(),
        licenses: [],
      }),
      problem: (line, err) => `${JSON.stringify(line)} is no package (${err.message}); skipped`,
    });
    const found = catalogImage(image({ '/x.list': 'left-pad\n \nlodash\n' }), [lines], []);
    expect(found.packages.map((p) => p.purl)).toEqual(['pkg:npm/left-pad@1.0.0', 'pkg:npm/lodash@1.0.0']);
    expect(found.warnings).toEqual([
      { path: '/x.list', message: expect.stringMatching(/^" " is no package \(.+\); skipped$/) },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Cataloger } from '../catalogers/types.js';
import { generateSbom } from './sbom.js';
import { dockerClassicTar, ociArchiveTar, writeTemp, type ImageSpec } from '../../test/support/image-builder.js';

/**
 * A cataloger that analyzes `.jar` files as they stream by: it spills each to a
 * temporary file (as the Java cataloger does for zip central directories) and keeps
 * only the first line. It proves the plumbing, not Java.
 */
function spillingCataloger(spilled: string[]): Cataloger {
  return {
    name: 'first-line',
    version: 1,
    maxFileBytes: 1 << 20,
    wants: (p) => p.endsWith('.jar'),
    analyze: async (file) => {
      const path = await file.spill();
      spilled.push(path);
      return { firstLine: readFileSync(path, 'utf8').split('\n')[0], size: file.size };
    },
    catalog: (ctx) => ({
      packages: ctx.files.map((f) => ({
        type: 'maven' as const,
        name: f.path,
        version: (f.analysis as { firstLine: string }).firstLine,
        purl: `pkg:generic/${f.path}`,
        licenses: [],
        locations: [{ path: f.path, layerDiffId: f.layer.diffId }],
        introducedByLayer: ctx.history(f.path)[0]?.layer.diffId,
        foundBy: 'first-line',
      })),
      warnings: [],
    }),
  };
}

const spec: ImageSpec = {
  layers: [
    [
      { path: 'app/lib/a.jar', content: 'a-1.0\nrest' },
      { path: 'app/lib/gone.jar', content: 'gone-2.0\n' },
      { path: 'usr/share/java/link.jar', type: 'symlink', linkname: '/app/lib/a.jar' },
    ],
    [{ path: 'app/lib/.wh.gone.jar' }, { path: 'app/lib/b.jar', content: 'b-3.0\n' }].map((e) => ({
      ...e,
      content: e.content ?? '',
    })),
  ],
};

describe('catalogers that analyze files as layers stream by', () => {
  for (const [name, make] of [
    ['a seekable tarball', async () => writeTemp(await dockerClassicTar(spec), 'img.tar')],
    [
      'a one-pass gzip tarball',
      async () => writeTemp(gzipSync(await ociArchiveTar({ ...spec, compression: 'gzip' })), 'img.tgz'),
    ],
  ] as const) {
    it(`keep only results, honour whiteouts and skip symlinks (${name})`, async () => {
      const spilled: string[] = [];
      const sbom = await generateSbom(await make(), { catalogers: [spillingCataloger(spilled)] });
      expect(sbom.packages.map((p) => [p.name, p.version])).toEqual([
        ['/app/lib/a.jar', 'a-1.0'],
        ['/app/lib/b.jar', 'b-3.0'],
      ]);
      expect(sbom.packages.map((p) => p.introducedByLayer)).toEqual([
        sbom.image.layers[0].diffId,
        sbom.image.layers[1].diffId,
      ]);
      expect(spilled).toHaveLength(3); // a, gone, b: each spilled once, while its layer was read
      expect(spilled.filter((p) => existsSync(p))).toEqual([]); // and removed right after
    });
  }
});

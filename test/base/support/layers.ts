/**
 * Real layers and files from the fixture images, and a `docker save` archive composed from
 * layer tars as they are (test/support/image-builder.ts builds layers from trees; an image
 * that shares a real base layer needs that layer's exact bytes).
 */
import { execFileSync } from 'node:child_process';
import { sha256, tarOf, type TreeEntry } from '../../support/image-builder.js';

const BIG = { maxBuffer: 1 << 30 };

/** Layer `index` of a classic `docker save` archive, as the uncompressed tar it stores. */
export function dockerLayer(archive: string, index: number): Buffer {
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json'], BIG).toString('utf8'));
  return execFileSync('tar', ['-xOf', archive, manifest[0].Layers[index]], BIG);
}

/** One member of a layer tar (`var/lib/dpkg/status`). */
export function fileInLayer(layer: Buffer, path: string): Buffer {
  return execFileSync('tar', ['-xOf', '-', path], { ...BIG, input: layer });
}

export interface ComposedImage {
  layers: Buffer[];
  labels?: Record<string, string>;
  repoTags?: string[];
}

/** A classic `docker save` archive of these layer tars, with a config carrying `labels`. */
export async function dockerArchiveOf(spec: ComposedImage): Promise<Buffer> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-11-24T10:00:00Z',
      config: { Labels: spec.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => `sha256:${sha256(l)}`) },
      history: spec.layers.map((_, i) => ({ created: '2026-11-24T10:00:00Z', created_by: `RUN step ${i + 1}` })),
    }),
  );
  const configName = `${sha256(config)}.json`;
  const entries: TreeEntry[] = spec.layers.map((l) => ({ path: `${sha256(l)}/layer.tar`, content: l }));
  entries.push({ path: configName, content: config });
  entries.push({
    path: 'manifest.json',
    content: JSON.stringify([
      {
        Config: configName,
        RepoTags: spec.repoTags ?? ['composed:1'],
        Layers: spec.layers.map((l) => `${sha256(l)}/layer.tar`),
      },
    ]),
  });
  return tarOf(entries);
}

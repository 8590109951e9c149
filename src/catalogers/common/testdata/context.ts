import { createHash } from 'node:crypto';
import type { Distro, Layer } from '../../../sbom/model.js';
import type { CatalogContext, FileVersion, WantedFile } from '../../types.js';

/**
 * Test scaffolding: the layered view the image reader hands a cataloger, built from
 * plain layer contents. Each layer maps a path to its body, or to null for a whiteout.
 */
export type LayerContents = Record<string, Buffer | string | null>;

/** A layer whose diff_id is derived from its index, so tests can name it. */
export function testLayer(index: number): Layer {
  const diffId = `sha256:${createHash('sha256').update(`test layer ${index}`).digest('hex')}`;
  return { index, diffId, size: 0 };
}

export function contextFromLayers(
  layers: LayerContents[],
  distro?: Distro,
  wants?: (path: string) => boolean,
): CatalogContext {
  const histories = new Map<string, FileVersion[]>();
  layers.forEach((contents, index) => {
    const layer = testLayer(index);
    for (const [path, body] of Object.entries(contents)) {
      if (wants && !wants(path)) continue;
      const versions = histories.get(path) ?? [];
      versions.push(body === null ? { layer } : { layer, content: Buffer.from(body) });
      histories.set(path, versions);
    }
  });
  const files: WantedFile[] = [];
  for (const [path, versions] of histories) {
    const last = versions[versions.length - 1];
    if (last.content !== undefined) files.push({ path, content: last.content, layer: last.layer });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, distro, history: (path) => histories.get(path) ?? [] };
}

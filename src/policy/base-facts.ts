/**
 * The base-image facts the base policies need, from the catalog alone (no matching):
 * the detected base and whether the catalog holds a newer build of its tag.
 */
import type { CatalogEntry } from '../base/catalog.js';
import { detectBase, type ImageLayersAndHints } from '../base/detect.js';
import { findCandidates } from '../base/recommend.js';
import type { Sbom } from '../sbom/model.js';
import type { BaseFacts } from './image-policies.js';

export function baseFacts(image: ImageLayersAndHints, catalog: CatalogEntry[]): BaseFacts {
  const detection = detectBase(image, catalog);
  if (detection.kind === 'none') return { inCatalog: false, reason: detection.reason };
  if (detection.kind === 'named') return { name: detection.name, inCatalog: false, reason: detection.reason };
  const newer = findCandidates(detection.entry, catalog).refreshed[0];
  return {
    name: detection.entry.name,
    inCatalog: true,
    ...(newer
      ? {
          refreshed: {
            name: newer.name,
            digest: newer.image.key,
            ...(newer.created ? { created: newer.created } : {}),
          },
        }
      : {}),
  };
}

/** What detection looks at: the layer chain and the base-name label and annotation. */
export const imageLayersAndHints = (sbom: Sbom): ImageLayersAndHints => ({
  diffIds: sbom.image.layers.map((l) => l.diffId),
  labels: sbom.image.labels ?? {},
  annotations: sbom.image.annotations ?? {},
});

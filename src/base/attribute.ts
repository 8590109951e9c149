/**
 * Whose finding is it: the base image's, when the package came in with one of the base's
 * layers (the image's first `baseLayers` layers), else the image's own. A package the image
 * upgraded in a later layer is the image's: its layer is not the base's.
 */
import type { Finding } from '../match/types.js';
import type { BaseDetection } from './detect.js';
import { UserError } from '../errors.js';

export type BaseFilter = 'only-base' | 'ignore-base';

/** The diff_ids of the base's layers in this image. */
export function baseLayerIds(diffIds: string[], baseLayers: number): Set<string> {
  return new Set(diffIds.slice(0, baseLayers));
}

export function layerOf(f: Finding): string | undefined {
  return f.package.introducedByLayer ?? f.package.locations[0]?.layerDiffId;
}

export function partitionFindings(findings: Finding[], baseIds: Set<string>): { base: Finding[]; own: Finding[] } {
  const base: Finding[] = [];
  const own: Finding[] = [];
  for (const f of findings) {
    const layer = layerOf(f);
    (layer !== undefined && baseIds.has(layer) ? base : own).push(f);
  }
  return { base, own };
}

export type CatalogBase = Extract<BaseDetection, { kind: 'catalog' }>;

/** A base whose layers are known, or the user error saying why the split cannot be made. */
export function requireCatalogBase(detection: BaseDetection, filter: BaseFilter): CatalogBase {
  if (detection.kind === 'none')
    throw new UserError(`--${filter}: no base image identified: ${detection.reason}`, {
      hint: 'pass --base NAME to name the base image',
    });
  if (detection.kind === 'named') {
    throw new UserError(
      `--${filter}: the base image ${detection.name} (named by the image's ${detection.by}) is not in the base catalog, so its layers are unknown`,
      { hint: 'add it with airlock base add TARBALL --name NAME' },
    );
  }
  return detection;
}

/**
 * `cves --only-base` / `--ignore-base`: the findings kept, and a sentence saying which base
 * and layers that was (the report's reader must know the list is partial).
 */
export function filterByBase(
  findings: Finding[],
  diffIds: string[],
  base: CatalogBase,
  filter: BaseFilter,
): { findings: Finding[]; notice: string } {
  const parts = partitionFindings(findings, baseLayerIds(diffIds, base.baseLayers));
  const kept = filter === 'only-base' ? parts.base : parts.own;
  const layers = `${base.baseLayers} of ${diffIds.length} ${diffIds.length === 1 ? 'layer' : 'layers'}`;
  const what =
    filter === 'only-base'
      ? 'only findings of the base image'
      : "only the image's own findings, without those of the base image";
  return { findings: kept, notice: `${what} ${base.entry.name} (${layers}, ${describeMethod(base.by)})` };
}

export function describeMethod(by: string): string {
  switch (by) {
    case 'override':
      return 'named by --base';
    case 'annotation':
      return 'named by its org.opencontainers.image.base annotation';
    case 'label':
      return 'named by its org.opencontainers.image.base label';
    case 'itself':
      return 'the image is that catalog image';
    default:
      return 'detected by layer prefix';
  }
}

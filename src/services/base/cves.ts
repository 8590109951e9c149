/**
 * `cves --only-base` / `--ignore-base`: the match result cut to the findings of the base
 * image's layers, or of the image's own, before any other filter. The report names the
 * base it split on (`base` in the JSON, a line among the warnings).
 */
import type { MatchResult } from '../match.js';
import { detectImageBase } from './analyze.js';
import { filterByBase, requireCatalogBase, type BaseFilter } from '../../base/attribute.js';
import type { DetectionMethod } from '../../base/detect.js';

export interface BaseSplitOptions {
  baseFilter?: BaseFilter;
  /** The base to split on, by catalog name or digest, instead of detecting it; only with `baseFilter`. */
  base?: string;
  storeFile?: string;
}

/** What `cves --format json` says about the split, under `base`. */
export interface BaseSplit {
  filter: BaseFilter;
  name: string;
  digest: string;
  by: DetectionMethod;
  /** The image's first `baseLayers` of `imageLayers` layers are the base's. */
  baseLayers: number;
  imageLayers: number;
  assumedLayers: boolean;
}

export async function splitByBase(
  result: MatchResult,
  options: BaseSplitOptions,
): Promise<{ result: MatchResult; split?: BaseSplit }> {
  if (!options.baseFilter) return { result };
  const diffIds = result.sbom.image.layers.map((l) => l.diffId);
  const detection = requireCatalogBase(
    await detectImageBase(result.sbom, { override: options.base, storeFile: options.storeFile }),
    options.baseFilter,
  );
  const { findings, notice } = filterByBase(result.findings, diffIds, detection, options.baseFilter);
  const split: BaseSplit = {
    filter: options.baseFilter,
    name: detection.entry.name,
    digest: detection.entry.image.key,
    by: detection.by,
    baseLayers: detection.baseLayers,
    imageLayers: diffIds.length,
    assumedLayers: detection.assumedLayers,
  };
  return { result: { ...result, findings, warnings: [...result.warnings, notice, ...detection.notes] }, split };
}

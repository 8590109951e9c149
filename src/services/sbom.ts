/** `airlock sbom`: read an image and catalog its packages (the engine lives in catalogers/engine/). */
import { catalogImage } from '../catalogers/engine/catalog-image.js';
import { combinedWants } from '../catalogers/engine/wants.js';
import { catalogers as allCatalogers, distroDetectors } from '../catalogers/index.js';
import type { Cataloger } from '../catalogers/types.js';
import { analyzeImage, type AnalyzeOptions } from '../image/analyze.js';
import type { Sbom } from '../sbom/model.js';
import { AIRLOCK_VERSION } from '../version.js';

export interface SbomOptions extends AnalyzeOptions {
  /** Defaults to every registered cataloger. */
  catalogers?: Cataloger[];
  now?: Date;
}

/** Reads an image tarball (or layout directory) and catalogs its packages. */
export async function generateSbom(input: string, options: SbomOptions = {}): Promise<Sbom> {
  const catalogers = options.catalogers ?? allCatalogers;
  const image = await analyzeImage(input, combinedWants([...distroDetectors, ...catalogers]), options);
  const found = catalogImage(image, catalogers, distroDetectors);
  return {
    schemaVersion: 1,
    image: image.meta,
    distro: found.distro,
    packages: found.packages.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version)),
    ...(found.layerChanges ? { layerChanges: found.layerChanges } : {}),
    warnings: [...image.warnings, ...found.warnings],
    catalogers: found.catalogers,
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
  };
}

/** `airlock sbom`: read an image and catalog its packages (the engine lives in catalogers/engine/). */
import { catalogImage } from '../catalogers/engine/catalog-image.js';
import { combinedWants } from '../catalogers/engine/wants.js';
import { catalogers as allCatalogers, distroDetectors } from '../catalogers/index.js';
import type { Cataloger } from '../catalogers/types.js';
import { analyzeImage, type AnalyzeOptions } from '../image/analyze.js';
import type { Sbom } from '../sbom/model.js';
import { AIRLOCK_VERSION } from '../version.js';
import { UserError } from '../errors.js';
import { parseImageInput } from '../image/input-ref.js';

export interface SbomOptions extends AnalyzeOptions {
  /** Defaults to every registered cataloger. */
  catalogers?: Cataloger[];
  now?: Date;
}

/** Reads an image tarball (or layout directory) and catalogs its packages. */
export async function generateSbom(input: string, options: SbomOptions = {}): Promise<Sbom> {
  const catalogers = options.catalogers ?? allCatalogers;
  const ref = parseImageInput(input);
  if (ref.kind === 'sbom')
    throw new UserError(`${input}: is an SBOM document, and this command reads images`, {
      hint: 'pass an image tarball, oci-dir://DIR or fs://DIR',
    });
  const kind = ref.kind === 'auto' ? options.kind : ref.kind;
  const image = await analyzeImage(ref.path, combinedWants([...distroDetectors, ...catalogers]), { ...options, kind });
  const found = catalogImage(image, catalogers, distroDetectors);
  return {
    schemaVersion: 1,
    image: image.meta,
    distro: found.distro,
    packages: found.packages.sort(
      (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
    ),
    ...(found.layerChanges ? { layerChanges: found.layerChanges } : {}),
    warnings: [...image.warnings, ...found.warnings],
    catalogers: found.catalogers,
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
  };
}

import { catalogers as allCatalogers, distroDetectors } from '../catalogers/index.js';
import type { CatalogContext, Cataloger, DistroDetector, FileVersion, WantedFile } from '../catalogers/types.js';
import { analyzeImage, type AnalyzeOptions } from '../image/analyze.js';
import type { WantsFile } from '../image/layer-scan.js';
import type { Sbom, Warning } from '../sbom/model.js';
import { AIRLOCK_VERSION } from '../version.js';

export interface SbomOptions extends AnalyzeOptions {
  /** Defaults to every registered cataloger. */
  catalogers?: Cataloger[];
  now?: Date;
}

type Reader = Pick<Cataloger, 'wants' | 'maxFileBytes'>;

/** One predicate for the image reader: the largest size any cataloger reads from a path. */
function combinedWants(readers: Reader[]): WantsFile {
  return (path) => {
    const abs = `/${path}`;
    let max: number | undefined;
    for (const r of readers) if (r.wants(abs) && (max === undefined || r.maxFileBytes > max)) max = r.maxFileBytes;
    return max;
  };
}

/** Reads an image tarball (or layout directory) and catalogs its packages. */
export async function generateSbom(input: string, options: SbomOptions = {}): Promise<Sbom> {
  const catalogers = options.catalogers ?? allCatalogers;
  const detectors: DistroDetector[] = distroDetectors;
  const image = await analyzeImage(input, combinedWants([...detectors, ...catalogers]), options);
  const warnings: Warning[] = [...image.warnings];

  let distro: Sbom['distro'];
  for (const detector of detectors) {
    const result = detector.detect(image.files.filter((f) => detector.wants(f.path)));
    warnings.push(...result.warnings);
    if (result.distro) {
      distro = result.distro;
      break;
    }
  }

  const history = (path: string): FileVersion[] => image.history.get(path.replace(/^\//, '')) ?? [];
  const packages: Sbom['packages'] = [];
  for (const cataloger of catalogers) {
    const ctx: CatalogContext = { files: filesFor(cataloger, image.files), history, distro };
    const result = cataloger.catalog(ctx);
    packages.push(...result.packages);
    warnings.push(...result.warnings);
  }

  return {
    schemaVersion: 1,
    image: image.meta,
    distro,
    packages: packages.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version)),
    warnings,
    catalogers: Object.fromEntries([...detectors, ...catalogers].map((c) => [c.name, c.version])),
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
  };
}

function filesFor(cataloger: Reader, files: WantedFile[]): WantedFile[] {
  return files.filter((f) => cataloger.wants(f.path) && f.content.length <= cataloger.maxFileBytes);
}

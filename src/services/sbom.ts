import { catalogers as allCatalogers, distroDetectors } from '../catalogers/index.js';
import { markOwnedPackages } from '../catalogers/ownership/mark-owned.js';
import type { CatalogContext, Cataloger, DistroDetector, FileOwners, FileVersion, WantedFile } from '../catalogers/types.js';
import { analyzeImage, type AnalyzeOptions } from '../image/analyze.js';
import type { FilePlan, WantsFile } from '../image/layer-scan.js';
import type { Layer, LayerChange, Sbom, Warning } from '../sbom/model.js';
import { AIRLOCK_VERSION } from '../version.js';

export interface SbomOptions extends AnalyzeOptions {
  /** Defaults to every registered cataloger. */
  catalogers?: Cataloger[];
  now?: Date;
}

type Reader = Pick<Cataloger, 'name' | 'wants' | 'maxFileBytes' | 'analyze' | 'atFixedPaths'>;

/**
 * One predicate for the image reader: what every cataloger wants from a path.
 * Catalogers without `analyze` get the body kept; analyzing ones get to look at it
 * as it streams by, and their results are kept under their names.
 */
function combinedWants(readers: Reader[]): WantsFile {
  return (path) => {
    const abs = `/${path}`;
    let plan: FilePlan | undefined;
    let analyzers: Reader[] | undefined;
    for (const r of readers) {
      if (!r.wants(abs)) continue;
      plan ??= { maxBytes: 0, keep: false, followSymlinks: false };
      plan.maxBytes = Math.max(plan.maxBytes, r.maxFileBytes);
      if (r.atFixedPaths) plan.throughLinkedDirs = true;
      if (r.analyze) (analyzers ??= []).push(r);
      else {
        plan.keep = true;
        plan.followSymlinks = true;
      }
    }
    if (plan && analyzers) plan.analyze = analyzeWith(analyzers);
    return plan;
  };
}

function analyzeWith(analyzers: Reader[]): FilePlan['analyze'] {
  return async (file) => {
    const results: Record<string, unknown> = {};
    for (const a of analyzers) if (file.size <= a.maxFileBytes) results[a.name] = await a.analyze!(file);
    return results;
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

  const history = (cataloger: Reader) => (path: string): FileVersion[] =>
    (image.history.get(path.replace(/^\//, '')) ?? []).map((v) => ({
      layer: v.layer,
      content: v.content,
      analysis: (v.analysis as Record<string, unknown> | undefined)?.[cataloger.name],
      ...(v.deleted ? { deleted: true as const } : {}),
    }));
  const finalPaths = new Set(image.files.map((f) => f.path));
  const deletedPaths = (cataloger: Reader): string[] =>
    [...image.history.keys()].map((p) => `/${p}`).filter((p) => !finalPaths.has(p) && cataloger.wants(p)).sort();
  let packages: Sbom['packages'] = [];
  const owners: FileOwners[] = [];
  let layerChanges: LayerChange[][] | undefined;
  for (const cataloger of catalogers) {
    const ctx: CatalogContext = { files: filesFor(cataloger, image.files), history: history(cataloger), deletedPaths: () => deletedPaths(cataloger), distro };
    const result = cataloger.catalog(ctx);
    packages.push(...result.packages);
    warnings.push(...result.warnings);
    if (result.fileOwners) owners.push(result.fileOwners);
    if (result.layerChanges) (layerChanges ??= []).push(result.layerChanges);
  }
  packages = markOwnedPackages(packages, owners);

  return {
    schemaVersion: 1,
    image: image.meta,
    distro,
    packages: packages.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version)),
    ...(layerChanges ? { layerChanges: mergeLayerChanges(layerChanges, image.meta.layers) } : {}),
    warnings,
    catalogers: Object.fromEntries([...detectors, ...catalogers].map((c) => [c.name, c.version])),
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
  };
}

/** One entry per layer, in layer order, joining what each OS cataloger saw that layer do. */
function mergeLayerChanges(perCataloger: LayerChange[][], layers: Layer[]): LayerChange[] {
  const byLayer = new Map<string, LayerChange>();
  for (const change of perCataloger.flat()) {
    const merged = byLayer.get(change.layer);
    if (!merged) byLayer.set(change.layer, { layer: change.layer, added: [...change.added], removed: [...change.removed], changed: [...change.changed] });
    else {
      merged.added.push(...change.added);
      merged.removed.push(...change.removed);
      merged.changed.push(...change.changed);
    }
  }
  return [...new Set(layers.map((l) => l.diffId))].filter((id) => byLayer.has(id)).map((id) => byLayer.get(id)!);
}

/** The files one cataloger asked for, with its own analysis result when it analyzes. */
function filesFor(cataloger: Reader, files: WantedFile[]): WantedFile[] {
  const out: WantedFile[] = [];
  for (const f of files) {
    if (!cataloger.wants(f.path)) continue;
    if (cataloger.analyze) {
      const analysis = (f.analysis as Record<string, unknown> | undefined)?.[cataloger.name];
      if (analysis !== undefined) out.push({ ...f, analysis });
    } else if (f.content.length <= cataloger.maxFileBytes && (f.content.length > 0 || f.size === 0)) {
      out.push({ ...f, analysis: undefined });
    }
  }
  return out;
}

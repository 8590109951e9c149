/**
 * The cataloging engine: runs the distro detectors, then every cataloger, each over only
 * the files it wants, and joins what they found. A cataloger or detector that throws is
 * isolated: its failure is a warning naming it and the file it was reading, and the
 * other catalogers' packages still make the SBOM (an attacker's image must not be able
 * to blank a scan by breaking one parser).
 */
import type { AnalyzedImage } from '../../image/analyze.js';
import type { Distro, Layer, LayerChange, Package, Warning } from '../../sbom/model.js';
import { markOwnedPackages } from '../ownership/mark-owned.js';
import type {
  CatalogContext,
  CatalogResult,
  Cataloger,
  DistroDetector,
  FileOwners,
  FileVersion,
  WantedFile,
} from '../types.js';
import type { Reader } from './wants.js';

export interface Catalogued {
  distro?: Distro;
  packages: Package[];
  layerChanges?: LayerChange[];
  warnings: Warning[];
  /** name → version of each detector and cataloger that ran. */
  catalogers: Record<string, number>;
}

type CatalogInput = Pick<AnalyzedImage, 'files' | 'history' | 'meta'>;

export function catalogImage(image: CatalogInput, catalogers: Cataloger[], detectors: DistroDetector[]): Catalogued {
  const warnings: Warning[] = [];
  let distro: Distro | undefined;
  for (const detector of detectors) {
    const files = image.files.filter((f) => detector.wants(f.path));
    const result = isolated(detector.name, files, warnings, () => detector.detect(files));
    if (!result) continue;
    warnings.push(...result.warnings);
    if (result.distro) {
      distro = result.distro;
      break;
    }
  }

  const finalPaths = new Set(image.files.map((f) => f.path));
  let packages: Package[] = [];
  const owners: FileOwners[] = [];
  let layerChanges: LayerChange[][] | undefined;
  for (const cataloger of catalogers) {
    const ctx: CatalogContext = {
      files: filesFor(cataloger, image.files),
      history: historyFor(cataloger, image.history),
      deletedPaths: () =>
        [...image.history.keys()]
          .map((p) => `/${p}`)
          .filter((p) => !finalPaths.has(p) && cataloger.wants(p))
          .sort(),
      distro,
    };
    const result: CatalogResult | undefined = isolated(cataloger.name, ctx.files, warnings, () =>
      cataloger.catalog(ctx),
    );
    if (!result) continue;
    packages.push(...result.packages);
    warnings.push(...result.warnings);
    if (result.fileOwners) owners.push(result.fileOwners);
    if (result.layerChanges) (layerChanges ??= []).push(result.layerChanges);
  }
  packages = markOwnedPackages(packages, owners);
  return {
    distro,
    packages,
    ...(layerChanges ? { layerChanges: mergeLayerChanges(layerChanges, image.meta.layers) } : {}),
    warnings,
    catalogers: Object.fromEntries([...detectors, ...catalogers].map((c) => [c.name, c.version])),
  };
}

/**
 * Runs one cataloger or detector; when it throws, records a warning on the file it was
 * reading (the first it was given: an OS cataloger's package database) and gives nothing.
 */
function isolated<T>(name: string, files: WantedFile[], warnings: Warning[], run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    const path = files[0]?.path ?? '/';
    const also = files.length > 1 ? ` (and ${files.length - 1} more of its files)` : '';
    warnings.push({
      path,
      message: `the ${name} cataloger failed on this file${also}: ${(err as Error)?.message ?? String(err)}; its packages are left out`,
    });
    return undefined;
  }
}

function historyFor(cataloger: Reader, history: AnalyzedImage['history']) {
  return (path: string): FileVersion[] =>
    (history.get(path.replace(/^\//, '')) ?? []).map((v) => ({
      layer: v.layer,
      content: v.content,
      analysis: (v.analysis as Record<string, unknown> | undefined)?.[cataloger.name],
      ...(v.deleted ? { deleted: true as const } : {}),
    }));
}

/** One entry per layer, in layer order, joining what each OS cataloger saw that layer do. */
function mergeLayerChanges(perCataloger: LayerChange[][], layers: Layer[]): LayerChange[] {
  const byLayer = new Map<string, LayerChange>();
  for (const change of perCataloger.flat()) {
    const merged = byLayer.get(change.layer);
    if (!merged)
      byLayer.set(change.layer, {
        layer: change.layer,
        added: [...change.added],
        removed: [...change.removed],
        changed: [...change.changed],
      });
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

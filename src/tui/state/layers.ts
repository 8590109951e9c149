/**
 * The layers view's facts, from the SBOM alone (so it works on stored images): each
 * layer's command and size, the packages it added, removed or changed, and the findings
 * in the packages it introduced.
 *
 * OS packages (deb, apk, rpm) come from the SBOM's `layerChanges`, read from the package
 * database's history. Packages without such a history (language packages) count as added
 * by the layer that introduced them (the first layer from which they stay unchanged),
 * and their removals and upgrades are not known; neither are any in an SBOM written
 * without `layerChanges`.
 *
 * Base and own layers: the base image's layers as detection against the local base
 * catalog found them (src/base/), else the first layer; every later layer is the image's own.
 */
import type { Finding } from '../../match/types.js';
import type { Layer, LayerChange, PackageChange, PackageType, Sbom } from '../../sbom/model.js';

/** Package types whose per-layer changes the SBOM's `layerChanges` records. */
const OS_TYPES: ReadonlySet<PackageType> = new Set(['deb', 'apk', 'rpm']);
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export type LayerClass = 'base' | 'own' | 'unknown';

/** Base when every package of the row came in with one of the base image's layers. */
export function layerClass(findings: Finding[], baseLayers: ReadonlySet<string>): LayerClass {
  const layers = findings.map((f) => f.package.introducedByLayer);
  if (baseLayers.size === 0 || layers.some((l) => l === undefined)) return 'unknown';
  return layers.some((l) => !baseLayers.has(l!)) ? 'own' : 'base';
}

export interface LayerInfo extends Layer {
  isBase: boolean;
  /** Sorted by name. */
  added: PackageChange[];
  removed: PackageChange[];
  changed: LayerChange['changed'];
  /** Whether removals and upgrades are known (the SBOM records layer changes). */
  changesKnown: boolean;
  /** Keys of the finding rows whose packages this layer introduced. */
  rowKeys: string[];
}

/** One step of the image's history: a layer, or a metadata-only step (CMD, ENV …). */
export interface HistoryStep {
  createdBy?: string;
  created?: string;
  layer?: LayerInfo;
}

export function buildLayers(
  sbom: Sbom,
  rows: { key: string; findings: Finding[] }[],
  baseLayers: ReadonlySet<string>,
): { layers: LayerInfo[]; steps: HistoryStep[] } {
  const changes = new Map((sbom.layerChanges ?? []).map((c) => [c.layer, c]));
  const known = sbom.layerChanges !== undefined;
  const introduced = (layer: string) =>
    sbom.packages
      .filter((p) => p.introducedByLayer === layer && !(known && OS_TYPES.has(p.type)))
      .map((p) => ({ type: p.type, name: p.name, version: p.version }));
  const layers: LayerInfo[] = sbom.image.layers.map((l) => ({
    ...l,
    isBase: baseLayers.has(l.diffId),
    added: [...(changes.get(l.diffId)?.added ?? []), ...introduced(l.diffId)].sort(byName),
    removed: changes.get(l.diffId)?.removed ?? [],
    changed: changes.get(l.diffId)?.changed ?? [],
    changesKnown: known,
    rowKeys: rows.filter((r) => r.findings.some((f) => f.package.introducedByLayer === l.diffId)).map((r) => r.key),
  }));
  const history = sbom.image.history;
  const nonEmpty = history.filter((h) => !h.emptyLayer).length;
  // History and layers line up when the config lists one non-empty step per layer; otherwise show layers only.
  if (history.length === 0 || nonEmpty !== layers.length)
    return { layers, steps: layers.map((layer) => ({ createdBy: layer.createdBy, created: layer.created, layer })) };
  let next = 0;
  const steps = history.map((h) => ({
    createdBy: h.createdBy,
    created: h.created,
    ...(h.emptyLayer ? {} : { layer: layers[next++] }),
  }));
  return { layers, steps };
}

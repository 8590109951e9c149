/**
 * The layers view's facts, from the SBOM alone (so it works on stored images): each
 * layer's command and size, the packages it introduced, and the findings in them.
 *
 * The SBOM keeps only the final package set and, per package, the first layer from which
 * it stays unchanged. So "added" here means "introduced in this version by this layer":
 * a package upgraded by a later layer counts as added there, and packages a layer removed
 * or replaced leave no trace. Telling removed and changed apart needs the per-layer
 * package history, which the SBOM does not keep.
 *
 * Base and own layers: the base image's layers as detection against the local base
 * catalog found them (src/base/), else the first layer; every later layer is the image's own.
 */
import type { Finding } from '../../match/types.js';
import type { Layer, Package, Sbom } from '../../sbom/model.js';

export type LayerClass = 'base' | 'own' | 'unknown';

/** Base when every package of the row came in with one of the base image's layers. */
export function layerClass(findings: Finding[], baseLayers: ReadonlySet<string>): LayerClass {
  const layers = findings.map((f) => f.package.introducedByLayer);
  if (baseLayers.size === 0 || layers.some((l) => l === undefined)) return 'unknown';
  return layers.some((l) => !baseLayers.has(l!)) ? 'own' : 'base';
}

export interface LayerInfo extends Layer {
  isBase: boolean;
  added: Package[];
  /** Keys of the finding rows whose packages this layer introduced. */
  rowKeys: string[];
}

/** One step of the image's history: a layer, or a metadata-only step (CMD, ENV …). */
export interface HistoryStep {
  createdBy?: string;
  created?: string;
  layer?: LayerInfo;
}

export function buildLayers(sbom: Sbom, rows: { key: string; findings: Finding[] }[], baseLayers: ReadonlySet<string>): { layers: LayerInfo[]; steps: HistoryStep[] } {
  const layers: LayerInfo[] = sbom.image.layers.map((l) => ({
    ...l,
    isBase: baseLayers.has(l.diffId),
    added: sbom.packages.filter((p) => p.introducedByLayer === l.diffId).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    rowKeys: rows.filter((r) => r.findings.some((f) => f.package.introducedByLayer === l.diffId)).map((r) => r.key),
  }));
  const history = sbom.image.history;
  const nonEmpty = history.filter((h) => !h.emptyLayer).length;
  // History and layers line up when the config lists one non-empty step per layer; otherwise show layers only.
  if (history.length === 0 || nonEmpty !== layers.length) return { layers, steps: layers.map((layer) => ({ createdBy: layer.createdBy, created: layer.created, layer })) };
  let next = 0;
  const steps = history.map((h) => ({ createdBy: h.createdBy, created: h.created, ...(h.emptyLayer ? {} : { layer: layers[next++] }) }));
  return { layers, steps };
}

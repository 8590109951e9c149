import type { Layer } from '../../sbom/model.js';
import type { FileVersion } from '../types.js';

/**
 * Finds, for each package key, the layer that introduced it: the earliest layer
 * from which every later version of the file still lists the package.
 * A layer that deletes the file or rewrites it without the package breaks the run,
 * so a package removed and installed again counts from its reinstallation.
 *
 * `keysOf` lists the package keys (e.g. name + version + arch) of one version of the
 * file, or undefined when that version is gone or unreadable; it is called at most
 * once per version and only when a key is asked for.
 */
export function introducerOf(
  history: FileVersion[],
  finalLayer: Layer,
  keysOf: (version: FileVersion) => Set<string> | undefined,
): (key: string) => Layer {
  const cache = new Map<number, Set<string>>();
  const keysAt = (i: number): Set<string> => {
    let keys = cache.get(i);
    if (!keys) {
      keys = keysOf(history[i]) ?? new Set();
      cache.set(i, keys);
    }
    return keys;
  };

  // Without a history that ends in the final file, the layer that wrote it is all we know.
  const last = history.length - 1;
  const usable = last >= 0 && history[last].layer.index === finalLayer.index && keysOf(history[last]) !== undefined;

  return (key) => {
    if (!usable) return finalLayer;
    let introduced = finalLayer;
    for (let i = last; i >= 0 && keysAt(i).has(key); i--) introduced = history[i].layer;
    return introduced;
  };
}

/** For catalogers that keep file bodies (package databases). */
export function layerIntroducer(
  history: FileVersion[],
  finalLayer: Layer,
  keysIn: (content: Buffer) => Set<string>,
): (key: string) => Layer {
  return introducerOf(history, finalLayer, (v) => (v.content === undefined ? undefined : keysIn(v.content)));
}

/**
 * For catalogers that analyze files instead of keeping them (jars, binaries, rpm
 * databases): `isAnalysis` tells a usable result from a missing or failed one.
 */
export function analysisIntroducer<A>(
  history: FileVersion[],
  finalLayer: Layer,
  isAnalysis: (analysis: unknown) => analysis is A,
  keysIn: (analysis: A) => Set<string>,
): (key: string) => Layer {
  return introducerOf(history, finalLayer, (v) => (isAnalysis(v.analysis) ? keysIn(v.analysis) : undefined));
}

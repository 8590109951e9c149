import type { Layer } from '../../sbom/model.js';
import type { FileVersion } from '../types.js';

/**
 * Finds, for each package key, the layer that introduced it: the earliest layer
 * from which every later version of the database file still lists the package.
 * A layer that deletes the file or rewrites it without the package breaks the run,
 * so a package removed and installed again counts from its reinstallation.
 *
 * `keysIn` lists the package keys (e.g. name + version + arch) of one version of the
 * file; it is called at most once per version and only when a key is asked for.
 */
export function layerIntroducer(
  history: FileVersion[],
  finalLayer: Layer,
  keysIn: (content: Buffer) => Set<string>,
): (key: string) => Layer {
  const cache = new Map<number, Set<string>>();
  const keysAt = (i: number): Set<string> => {
    let keys = cache.get(i);
    if (!keys) {
      const content = history[i].content;
      keys = content === undefined ? new Set() : keysIn(content);
      cache.set(i, keys);
    }
    return keys;
  };

  // Without a history that ends in the final file, the layer that wrote it is all we know.
  const last = history.length - 1;
  const usable = last >= 0 && history[last].layer.index === finalLayer.index && history[last].content !== undefined;

  return (key) => {
    if (!usable) return finalLayer;
    let introduced = finalLayer;
    for (let i = last; i >= 0 && keysAt(i).has(key); i--) introduced = history[i].layer;
    return introduced;
  };
}

/**
 * One predicate for the image reader: what every cataloger wants from a path.
 * Catalogers without `analyze` get the body kept; analyzing ones get to look at it
 * as it streams by, and their results are kept under their names.
 */
import type { FilePlan, WantsFile } from '../../image/layer-scan.js';
import type { Cataloger } from '../types.js';

export type Reader = Pick<Cataloger, 'name' | 'wants' | 'maxFileBytes' | 'analyze' | 'atFixedPaths'>;

export function combinedWants(readers: Reader[]): WantsFile {
  return (path) => {
    const abs = `/${path}`;
    let plan: FilePlan | undefined;
    let analyzers: Reader[] | undefined;
    for (const r of readers) {
      if (!r.wants(abs)) continue;
      plan ??= { maxBytes: 0, keep: false, followSymlinks: false };
      plan.maxBytes = Math.max(plan.maxBytes, r.maxFileBytes);
      // Package databases at fixed paths are also looked for below a symlinked directory.
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

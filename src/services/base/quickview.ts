/**
 * The base rows of `airlock quickview`: the base image and its counts, the best refreshed
 * and updated base images with their deltas, or the one sentence saying why there is no
 * base row.
 */
import type { Sbom } from '../../sbom/model.js';
import { analyzeBase, type BaseAnalysisOptions } from './analyze.js';
import type { QuickviewBase } from '../../base/model.js';

export async function quickviewBase(
  sbom: Sbom,
  options: Omit<BaseAnalysisOptions, 'all'> = {},
): Promise<QuickviewBase> {
  const { detection, base, candidates } = await analyzeBase(sbom, options);
  if (detection.kind === 'none') return { reason: detection.reason, notes: [] };
  const refreshed = candidates.find((c) => c.kind === 'refreshed');
  const updated = candidates.find((c) => c.kind === 'updated');
  return {
    ...(base ? { base } : {}),
    ...(refreshed ? { refreshed } : {}),
    ...(updated ? { updated } : {}),
    notes: detection.kind === 'catalog' ? detection.notes : [],
  };
}

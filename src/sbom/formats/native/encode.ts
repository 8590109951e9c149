import type { Sbom } from '../../model.js';
import { sortedPackages, sortedWarnings } from '../order.js';

/**
 * `--format json`: the SBOM model itself (see JSON.md), with packages and warnings in a
 * fixed order so that the same image always gives the same bytes.
 */
export function renderSbomJson(sbom: Sbom): string {
  const ordered: Sbom = { ...sbom, packages: sortedPackages(sbom.packages), warnings: sortedWarnings(sbom.warnings) };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * `airlock quickview`: the image's vulnerability counts in one line. The base image row
 * needs a base image catalog, which airlock does not have yet; the result says so.
 */
import type { DatabaseInfo, SeverityCounts } from '../report/vulns/model.js';
import { countGroups } from '../report/vulns/counts.js';
import { imageInfo } from './cves.js';
import { matchImage, type MatchImageOptions } from './match.js';

export interface QuickviewResult {
  image: { name: string; counts: SeverityCounts };
  /** Undefined until a base image catalog exists. */
  baseImage?: { name: string; counts: SeverityCounts };
  indexedPackages: number;
  database: DatabaseInfo;
  warnings: string[];
}

export async function quickview(input: string, options: MatchImageOptions = {}): Promise<QuickviewResult> {
  const result = await matchImage(input, options);
  return {
    image: { name: imageInfo(result.sbom).name, counts: countGroups(result.findings) },
    indexedPackages: result.sbom.packages.length,
    database: result.database,
    warnings: [...result.warnings, ...result.sbom.warnings.map((w) => `${w.path}: ${w.message}`)],
  };
}

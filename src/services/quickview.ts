/**
 * `airlock quickview`: the image's vulnerability counts in one line. The base image row
 * needs a base image catalog, which airlock does not have yet; the result says so.
 */
import type { DatabaseInfo, SeverityCounts } from '../report/vulns/model.js';
import { countGroups } from '../report/vulns/counts.js';
import { imageInfo } from './cves.js';
import { matchImage, type MatchImageOptions } from './match.js';
import { applyVexFile } from '../vex/reports.js';
import type { QuickviewSuppressed } from '../vex/render.js';

export interface QuickviewResult {
  image: { name: string; counts: SeverityCounts };
  /** Undefined until a base image catalog exists. */
  baseImage?: { name: string; counts: SeverityCounts };
  indexedPackages: number;
  database: DatabaseInfo;
  warnings: string[];
  /** Findings VEX statements took out of the counts; absent without a VEX document. */
  suppressed?: QuickviewSuppressed;
}

export interface QuickviewOptions extends MatchImageOptions {
  /** OpenVEX document to apply; default: <AIRLOCK_HOME>/vex.openvex.json when it exists. */
  vexFile?: string;
}

export async function quickview(input: string, options: QuickviewOptions = {}): Promise<QuickviewResult> {
  const matched = await matchImage(input, options);
  const vex = await applyVexFile(matched, options.vexFile, options.now ?? new Date());
  const result = vex.result;
  return {
    image: { name: imageInfo(result.sbom).name, counts: countGroups(result.findings) },
    indexedPackages: result.sbom.packages.length,
    database: result.database,
    warnings: [...result.warnings, ...result.sbom.warnings.map((w) => `${w.path}: ${w.message}`)],
    ...(vex.summary ? { suppressed: { file: vex.summary.file, counts: countGroups(vex.suppressed), findings: vex.suppressed.length } } : {}),
  };
}

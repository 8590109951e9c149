/**
 * `airlock quickview`: the image's vulnerability counts in one line, and its base image's,
 * with the refreshed and updated base images the catalog offers (src/base/).
 */
import type { Coverage } from '../match/coverage.js';
import type { Distro } from '../sbom/model.js';
import type { DatabaseInfo, SeverityCounts } from '../findings/model.js';
import { countGroups } from '../findings/counts.js';
import { imageInfo } from './cves.js';
import { matchImage, type MatchImageOptions, type MatchResult } from './match.js';
import { type VexChoice, applyVexFile } from '../vex/reports.js';
import type { QuickviewSuppressed } from '../vex/reports.js';
import type { QuickviewBase } from '../base/model.js';
import { quickviewBase } from './base/quickview.js';

export interface QuickviewResult {
  image: { name: string; counts: SeverityCounts };
  /** The base image and its counts, when the catalog has it (the row `base` renders). */
  baseImage?: { name: string; counts: SeverityCounts };
  /** Base, refreshed and updated base rows from the base-image catalog, or why there is none. */
  base?: QuickviewBase;
  indexedPackages: number;
  database: DatabaseInfo;
  /** Which namespaces the packages were matched against, and whether they had data (src/match/coverage.ts). */
  coverage?: Coverage;
  /** The distro the image was identified as (os-release), which its OS packages were matched for. */
  distro?: Distro;
  warnings: string[];
  /** Findings VEX statements took out of the counts; absent without a VEX document. */
  suppressed?: QuickviewSuppressed;
}

export interface QuickviewOptions extends MatchImageOptions {
  /** OpenVEX documents (files or directories) to apply; default: <AIRLOCK_HOME>/vex.openvex.json when it exists. */
  vexFile?: string | string[];
  /** `--vex-author`, `--only-vex-affected`. */
  vex?: VexChoice;
  /** `--base NAME`: the base image by catalog name or digest, instead of detecting it. */
  base?: string;
}

/** The quickview of an image already matched (by `quickview`, or by `scan` before it stores). */
export async function quickviewOf(
  matched: MatchResult,
  options: QuickviewOptions = {},
  extra: { name?: string; notices?: string[] } = {},
): Promise<QuickviewResult> {
  const vex = await applyVexFile(matched, options.vexFile, options.now ?? new Date(), options.vex);
  const result = vex.result;
  const base = await quickviewBase(result.sbom, {
    override: options.base,
    storeFile: options.storeFile,
    dbFile: options.dbFile,
  });
  return {
    image: { name: extra.name ?? imageInfo(result.sbom).name, counts: countGroups(result.findings) },
    indexedPackages: result.sbom.packages.length,
    database: result.database,
    coverage: result.coverage,
    ...(result.sbom.distro ? { distro: result.sbom.distro } : {}),
    warnings: [
      ...(extra.notices ?? []),
      ...result.warnings,
      ...result.sbom.warnings.map((w) => `${w.path}: ${w.message}`),
    ],
    ...(base.base?.counts ? { baseImage: { name: base.base.name, counts: base.base.counts } } : {}),
    base,
    ...(vex.summary
      ? { suppressed: { file: vex.summary.file, counts: countGroups(vex.suppressed), findings: vex.suppressed.length } }
      : {}),
  };
}

export async function quickview(input: string, options: QuickviewOptions = {}): Promise<QuickviewResult> {
  return quickviewOf(await matchImage(input, options), options);
}

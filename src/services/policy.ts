/**
 * `airlock policy`: the image (a tarball, a layout directory, `sbom:FILE` or a stored
 * image) matched as `cves` matches it, VEX applied, then evaluated against the policy
 * set. No printing; a plain report that every format renders.
 */
import { withCatalog } from './base/analyze.js';
import type { SuppressedFinding } from '../vex/apply.js';
import type { DatabaseInfo, ImageInfo } from '../findings/model.js';
import { AIRLOCK_VERSION } from '../version.js';
import { applyVexFile, type VexSummary } from '../vex/reports.js';
import { baseFacts, imageLayersAndHints } from '../policy/base-facts.js';
import { resolvePolicyConfig } from '../policy/default-file.js';
import { evaluatePolicies } from '../policy/evaluate.js';
import type { PolicyId, PolicyResult } from '../policy/model.js';
import type { BaseFacts } from '../policy/image-policies.js';
import { imageInfo } from './cves.js';
import { matchImage, type MatchImageOptions, type MatchResult } from './match.js';
import type { VexChoice } from '../vex/reports.js';

export interface PolicyOptions extends MatchImageOptions {
  /** The policy file; default `$AIRLOCK_HOME/policy.yaml` when it exists, else Scout's defaults. */
  policyFile?: string;
  /** OpenVEX documents or directories of them; default the one `airlock review` writes, when it exists. */
  vexFile?: string | string[];
  /** Which VEX statements count (--vex-author, --only-vex-affected). */
  vex?: VexChoice;
}

export interface PolicyReport {
  schemaVersion: 1;
  tool: { name: 'airlock'; version: string };
  generatedAt: string;
  image: ImageInfo;
  database: DatabaseInfo;
  /** The policy file applied; absent when the defaults were. */
  policyFile?: string;
  vex?: VexSummary;
  base: BaseFacts;
  results: PolicyResult[];
  disabled: PolicyId[];
  failed: number;
  warnings: string[];
}

/** Policies over an already matched image (also used by the HTML report). */
export async function policiesOf(
  matched: MatchResult,
  options: PolicyOptions = {},
): Promise<PolicyReport & { suppressed: SuppressedFinding[] }> {
  const now = options.now ?? new Date();
  const config = await resolvePolicyConfig(options.policyFile);
  const vex = await applyVexFile(matched, options.vexFile, now, options.vex);
  const base = await withCatalog(options.storeFile, async (catalog) =>
    baseFacts(imageLayersAndHints(matched.sbom), catalog),
  );
  const evaluation = evaluatePolicies({ sbom: matched.sbom, findings: vex.result.findings, base }, config, now);
  return {
    schemaVersion: 1,
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
    generatedAt: now.toISOString(),
    image: imageInfo(matched.sbom),
    database: matched.database,
    ...(config.file ? { policyFile: config.file } : {}),
    ...(vex.summary ? { vex: vex.summary } : {}),
    base,
    results: evaluation.results,
    disabled: evaluation.disabled,
    failed: evaluation.failed,
    warnings: [...vex.result.warnings, ...evaluation.warnings],
    suppressed: vex.suppressed,
  };
}

export async function policyReport(input: string, options: PolicyOptions = {}): Promise<PolicyReport> {
  const now = options.now ?? new Date();
  // Read the policy file first: a typo in it fails before the image is read.
  await resolvePolicyConfig(options.policyFile);
  const matched = await matchImage(input, { ...options, now });
  const { suppressed: _suppressed, ...report } = await policiesOf(matched, { ...options, now });
  return report;
}

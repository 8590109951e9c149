/**
 * Evaluates the configured policies on an image's SBOM and findings: a pure function of
 * plain data, shared by `airlock policy`, the HTML report and the stored images'
 * re-evaluation.
 */
import type { Finding } from '../match/types.js';
import type { Sbom } from '../sbom/model.js';
import type { PolicyConfig } from './config.js';
import { activeExceptions } from './exceptions.js';
import {
  approvedBase,
  attestations,
  copyleftLicenses,
  nonRootUser,
  upToDateBase,
  type BaseFacts,
} from './image-policies.js';
import { POLICY_IDS, type PolicyEvaluation, type PolicyId, type PolicyResult } from './model.js';
import { fixableCriticalHigh, highProfile } from './vulnerability-policies.js';

export interface PolicyInput {
  sbom: Sbom;
  /** The findings after VEX (suppressed ones already taken out). */
  findings: Finding[];
  base: BaseFacts;
}

export function evaluatePolicies(
  input: PolicyInput,
  config: PolicyConfig,
  now = new Date(),
): PolicyEvaluation & { warnings: string[] } {
  const { active, warnings } = activeExceptions(config.exceptions, now, config.file);
  const run: Record<PolicyId, () => PolicyResult> = {
    'no-fixable-critical-high': () => fixableCriticalHigh(input.findings, config, active),
    'no-high-profile-vulnerabilities': () => highProfile(input.findings, config, active),
    'no-copyleft-licenses': () => copyleftLicenses(input.sbom, config, active),
    'up-to-date-base-image': () => upToDateBase(input.base),
    'default-non-root-user': () => nonRootUser(input.sbom),
    'approved-base-images': () => approvedBase(input.base, config),
    'supply-chain-attestations': () => attestations(input.sbom, config),
  };
  const enabled = POLICY_IDS.filter((id) => config.enabled[id]);
  const results = enabled.map((id) => run[id]());
  return {
    results,
    disabled: POLICY_IDS.filter((id) => !config.enabled[id]),
    failed: results.filter((r) => r.status === 'fail').length,
    warnings,
  };
}

/** `5/7 passed, 1 failed, 1 unknown`-style figures, as `images` shows them. */
export function policyTally(results: Pick<PolicyResult, 'status'>[]): {
  passed: number;
  failed: number;
  unknown: number;
  total: number;
} {
  const n = (s: string) => results.filter((r) => r.status === s).length;
  return { passed: n('pass'), failed: n('fail'), unknown: n('unknown'), total: results.length };
}

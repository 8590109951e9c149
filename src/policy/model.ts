/**
 * Policies: Docker Scout's built-in policy set, evaluated offline on an image or a stored
 * snapshot. Each result names its policy, says pass, fail or unknown (the data that
 * decides it is missing: no base detected, a snapshot that predates the fact), and lists
 * the findings or facts that decided it. Part of the `airlock policy --format json`
 * contract: fields are only ever added.
 */
import type { SeverityBand } from '../severity/index.js';

export const POLICY_IDS = [
  'no-fixable-critical-high',
  'no-high-profile-vulnerabilities',
  'no-copyleft-licenses',
  'up-to-date-base-image',
  'default-non-root-user',
  'approved-base-images',
  'supply-chain-attestations',
] as const;

export type PolicyId = (typeof POLICY_IDS)[number];

/** The names Docker Scout gives its policies, so a Scout user recognizes each line. */
export const POLICY_NAMES: Record<PolicyId, string> = {
  'no-fixable-critical-high': 'No fixable critical or high vulnerabilities',
  'no-high-profile-vulnerabilities': 'No high-profile vulnerabilities',
  'no-copyleft-licenses': 'No copyleft licenses',
  'up-to-date-base-image': 'No outdated base images',
  'default-non-root-user': 'Default non-root user',
  'approved-base-images': 'Approved base images',
  'supply-chain-attestations': 'Supply chain attestations',
};

export type PolicyStatus = 'pass' | 'fail' | 'unknown';

/** One thing that decided a result: a finding, a package's license, a fact about the image. */
export interface PolicyItem {
  /** The vulnerability, for vulnerability policies. */
  vulnId?: string;
  /** `zlib1g 1:1.2.13.dfsg-1` */
  package?: string;
  purl?: string;
  band?: SeverityBand;
  fixedVersion?: string;
  /** The license that matched, for the license policy. */
  license?: string;
  /** What it is, in a sentence, for facts (`User is "" (root)`). */
  text: string;
  /** Set when an exception of the policy file waived this item; waived items do not fail the policy. */
  waived?: { reason: string; expires?: string };
}

export interface PolicyResult {
  id: PolicyId;
  name: string;
  status: PolicyStatus;
  /** One line: why it passed, failed or could not be decided. */
  summary: string;
  /** The items that fail it (or, for a pass, the facts it checked), waived ones included and marked. */
  items: PolicyItem[];
}

export interface PolicyEvaluation {
  results: PolicyResult[];
  /** Policies configured off in the policy file. */
  disabled: PolicyId[];
  /** How many results failed. */
  failed: number;
}

/**
 * VEX in the non-interactive reports (`cves`, `quickview`): suppressed findings leave the
 * counts and lists; the report says how many, and lists them with `--show-suppressed`.
 */
import type { Finding } from '../match/types.js';
import type { MatchResult, SeverityCounts, VulnReport } from '../findings/model.js';
import { decideFindings, partitionFindings, type SuppressedFinding } from './apply.js';
import { UserError } from '../errors.js';
import { loadVexSources } from './sources.js';

export interface VexSummary {
  file: string;
  statements: number;
  /** Statements past their expiry, ignored. */
  expired: number;
  /** Findings taken out by `not_affected` / `fixed` statements (after the report's filters). */
  suppressed: number;
}

export interface VexApplied {
  /** The match result without the suppressed findings. */
  result: MatchResult;
  suppressed: SuppressedFinding[];
  /** Undefined when there is no VEX document. */
  summary?: VexSummary;
}

export interface VexChoice {
  /** `--vex-author`: globs; only documents by a matching author apply. */
  authors?: string[];
  /** `--only-vex-affected`: findings under investigation leave the report too; a VEX document must apply. */
  onlyAffected?: boolean;
}

/** Applies `--vex FILE|DIR` (repeatable; or the default document, if any) to a match result. */
export async function applyVexFile(
  result: MatchResult,
  file: string | string[] | undefined,
  now: Date,
  choice: VexChoice = {},
): Promise<VexApplied> {
  const files = typeof file === 'string' ? [file] : file;
  const vex = await loadVexSources(files, choice.authors);
  const skippedWarnings = vex.skipped.map((s) => `VEX document left out: ${s}`);
  if (!vex.document) {
    if (choice.onlyAffected)
      throw new UserError('--only-vex-affected: no VEX document applies', {
        hint: vex.skipped.length
          ? `left out: ${vex.skipped.join('; ')}`
          : 'pass one with --vex FILE or a directory of them',
      });
    return {
      result: skippedWarnings.length ? { ...result, warnings: [...result.warnings, ...skippedWarnings] } : result,
      suppressed: [],
    };
  }
  const { decisions, expired } = decideFindings(vex.document, result.sbom.image, result.findings, now);
  const { kept, suppressed } = partitionFindings(
    result.findings,
    decisions,
    choice.onlyAffected ? (s) => s !== 'affected' : undefined,
  );
  const expiredWarnings =
    expired > 0
      ? [
          `${expired} VEX ${expired === 1 ? 'statement' : 'statements'} in ${vex.file} expired and ${expired === 1 ? 'was' : 'were'} ignored`,
        ]
      : [];
  const warnings = [...result.warnings, ...skippedWarnings, ...expiredWarnings];
  return {
    result: { ...result, findings: kept, warnings },
    suppressed,
    summary: { file: vex.file, statements: vex.document.statements.length, expired, suppressed: suppressed.length },
  };
}

export type VexReport = VulnReport & { vex?: VexSummary; suppressed?: SuppressedFinding[] };

/** Adds the `vex` summary and, when asked, the `suppressed` list (filtered like the findings) to a report. */
export function withVex(
  report: VulnReport,
  applied: VexApplied,
  keep: (f: Finding) => boolean,
  showSuppressed = false,
): VexReport {
  if (!applied.summary) return report;
  const suppressed = applied.suppressed.filter(keep);
  return {
    ...report,
    vex: { ...applied.summary, suppressed: suppressed.length },
    ...(showSuppressed ? { suppressed } : {}),
  };
}

/** What quickview says about the findings VEX statements suppressed. */
export interface QuickviewSuppressed {
  file: string;
  counts: SeverityCounts;
  findings: number;
}

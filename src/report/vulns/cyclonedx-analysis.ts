/**
 * CycloneDX `analysis` and `ratings` that say what is known, and by whom (issue 12).
 *
 * State: a scanner match nobody decided on is `in_triage` (a version inside an advisory's
 * range says the package may be affected, not that it is exploitable here); the user's
 * OpenVEX decision, when one speaks for the finding, is the state (not_affected → not_affected
 * with the justification, affected → exploitable, fixed → resolved, under_investigation →
 * in_triage). The distro's own triage is the one exception without VEX: its will-not-fix is
 * a decision that the release is affected and stays so, hence `exploitable`.
 * Response: what the supplier offers: a fixed version → `update`, will-not-fix →
 * `will_not_fix`, end of life → `can_not_fix`.
 * Ratings: each carries its own source's severity (an NVD 6.5 is medium in NVD's rating even
 * when the chosen band is Debian's LOW), method by the CVSS vector.
 */
import type { Finding } from '../../match/types.js';
import { bandForRating, bandForScore, type SeverityBand } from '../../severity/index.js';
import type { DecidedFinding } from '../../vex/apply.js';
import type { VexDecision } from '../../vex/apply.js';
import type { VexJustification } from '../../vex/model.js';

const CDX_SEVERITY: Record<SeverityBand, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  unspecified: 'unknown',
};

/** OpenVEX (CISA) justifications as CycloneDX 1.6 `impactAnalysisJustification`, by their definitions. */
const JUSTIFICATION: Record<VexJustification, string> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/** The supplier's response, from the finding's fix state. */
function responses(f: Finding): string[] {
  if (f.status === 'fixed') return ['update'];
  if (f.status === 'will_not_fix') return ['will_not_fix'];
  if (f.status === 'end_of_life') return ['can_not_fix'];
  return [];
}

function fixDetail(f: Finding): string {
  switch (f.status) {
    case 'fixed':
      return `fixed in ${f.fixedVersion}${f.fixedBy ? ` (${f.fixedBy})` : ''}`;
    case 'will_not_fix':
      return f.note ?? 'the distribution will not fix it';
    case 'end_of_life':
      return f.note ?? 'end of life: no fix will come';
    case 'no_fix_yet':
      return f.note ?? 'no fix yet';
    case 'unknown':
      return 'not triaged by the distribution yet';
  }
}

function vexDetail(d: VexDecision): string {
  const said = [d.impactStatement, d.actionStatement, d.note].filter((x): x is string => !!x);
  return [`VEX ${d.status}`, ...said].join(': ');
}

/** The `analysis` of a finding: the user's VEX decision when one applies, else the match's state. */
export function analysisOf(f: DecidedFinding): Record<string, unknown> {
  const response = responses(f);
  const d = f.vex;
  const dated = d?.timestamp ? { lastUpdated: d.timestamp } : {};
  if (d?.status === 'not_affected')
    return {
      state: 'not_affected',
      ...(d.justification ? { justification: JUSTIFICATION[d.justification] } : {}),
      detail: vexDetail(d),
      ...dated,
    };
  if (d?.status === 'fixed') return { state: 'resolved', detail: vexDetail(d), ...dated };
  const state = d?.status === 'affected' ? 'exploitable' : d ? 'in_triage' : stateOfMatch(f);
  const detail = d ? `${vexDetail(d)}; ${fixDetail(f)}` : fixDetail(f);
  return { state, ...(response.length ? { response } : {}), detail, ...dated };
}

function stateOfMatch(f: Finding): string {
  return f.status === 'will_not_fix' ? 'exploitable' : 'in_triage';
}

/** `affects[].versions[].status`: what the analysis says of the installed version. */
export function versionStatus(analysis: Record<string, unknown>): string {
  return analysis.state === 'not_affected' || analysis.state === 'resolved' ? 'unaffected' : 'affected';
}

/** The CycloneDX scoring method a CVSS vector names; the version field when there is no vector. */
export function methodOf(vector: string | undefined, version: string): string {
  if (vector?.startsWith('CVSS:3.1/')) return 'CVSSv31';
  if (vector?.startsWith('CVSS:3.0/')) return 'CVSSv3';
  if (vector?.startsWith('CVSS:4.0/')) return 'CVSSv4';
  if (vector && /^AV:[LAN]\/AC:[HML]\/Au:/.test(vector)) return 'CVSSv2';
  if (vector) return 'other';
  return { '2.0': 'CVSSv2', '3.0': 'CVSSv3', '3.1': 'CVSSv31', '4.0': 'CVSSv4' }[version] ?? 'other';
}

/** The deciding rater's own word, then the CVSS score shown with it, each with its own severity. */
export function ratingsOf(f: Finding): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const s = f.severity;
  const worded = bandForRating(s.rating);
  if (s.source && worded) out.push({ source: { name: s.source }, severity: CDX_SEVERITY[worded], method: 'other' });
  if (s.cvss) {
    out.push({
      source: { name: s.cvss.source },
      score: s.cvss.score,
      severity: CDX_SEVERITY[bandForScore(s.cvss.score, s.cvss.version)],
      method: methodOf(s.cvss.vector, s.cvss.version),
      ...(s.cvss.vector ? { vector: s.cvss.vector } : {}),
    });
  }
  if (out.length === 0) out.push({ severity: CDX_SEVERITY[s.band], method: 'other' });
  return out;
}

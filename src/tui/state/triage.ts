/**
 * The triage dialog as a small state machine: scope → status → justification (only for
 * not_affected) → note → expiry. Keys pick choices; Enter moves on from text steps.
 */
import { VEX_JUSTIFICATIONS, type VexJustification, type VexStatus } from '../../vex/model.js';
import type { TriageDecision, TriageTarget } from '../../vex/author.js';
import { parseExpiry } from '../../vex/notes.js';
import type { FindingRow, ReviewData } from './data.js';

export type TriageScope = 'finding' | 'cve' | 'package';
export type TriageStep = 'scope' | 'status' | 'justification' | 'note' | 'expiry';

export interface TriageState {
  rowKey: string;
  step: TriageStep;
  scope?: TriageScope;
  status?: VexStatus;
  justification?: VexJustification;
  note: string;
  expiry: string;
  error?: string;
}

export const SCOPE_KEYS: Record<string, TriageScope> = { f: 'finding', c: 'cve', p: 'package' };
export const STATUS_KEYS: Record<string, VexStatus> = {
  n: 'not_affected',
  a: 'affected',
  u: 'under_investigation',
  x: 'fixed',
};

export function startTriage(rowKey: string): TriageState {
  return { rowKey, step: 'scope', note: '', expiry: '' };
}

/** A choice key on a choice step; anything else leaves the dialog as it is. */
export function chooseTriage(t: TriageState, key: string): TriageState {
  if (t.step === 'scope' && SCOPE_KEYS[key]) return { ...t, scope: SCOPE_KEYS[key], step: 'status' };
  if (t.step === 'status' && STATUS_KEYS[key]) {
    const status = STATUS_KEYS[key];
    return { ...t, status, step: status === 'not_affected' ? 'justification' : 'note' };
  }
  const n = Number(key);
  if (t.step === 'justification' && Number.isInteger(n) && n >= 1 && n <= VEX_JUSTIFICATIONS.length) {
    return { ...t, justification: VEX_JUSTIFICATIONS[n - 1], step: 'note' };
  }
  return t;
}

export function typeTriage(t: TriageState, text: string): TriageState {
  if (t.step === 'note') return { ...t, note: t.note + text };
  if (t.step === 'expiry') return { ...t, expiry: t.expiry + text, error: undefined };
  return t;
}

export function eraseTriage(t: TriageState): TriageState {
  if (t.step === 'note') return { ...t, note: t.note.slice(0, -1) };
  if (t.step === 'expiry') return { ...t, expiry: t.expiry.slice(0, -1), error: undefined };
  return t;
}

/** Enter: the scope step takes "this finding"; the note step moves on; the expiry step decides. */
export function submitTriage(t: TriageState, now: Date): { triage: TriageState; decision?: TriageDecision } {
  if (t.step === 'scope') return { triage: { ...t, scope: 'finding', step: 'status' } };
  if (t.step === 'note') return { triage: { ...t, step: 'expiry' } };
  if (t.step !== 'expiry' || !t.status) return { triage: t };
  const { expires, error } = parseExpiry(t.expiry, now);
  if (error) return { triage: { ...t, error } };
  const decision: TriageDecision = { status: t.status };
  if (t.justification) decision.justification = t.justification;
  if (t.note.trim()) decision.note = t.note.trim();
  if (expires) decision.expires = expires;
  return { triage: t, decision };
}

/** The (vulnerability, packages) pairs a decision covers: one row, every row of a CVE, or every row of a package group. */
export function triageTargets(data: ReviewData, row: FindingRow, scope: TriageScope): TriageTarget[] {
  const target = (rows: FindingRow[]): TriageTarget => ({
    vulnId: rows[0].vulnId,
    aliases: [...new Set(rows.flatMap((r) => r.aliases))].sort(),
    packagePurls: rows.flatMap((r) => r.findings.map((f) => f.package.purl)),
  });
  if (scope === 'finding') return [target([row])];
  if (scope === 'cve') return [target(data.rows.filter((r) => r.vulnId === row.vulnId))];
  return data.rows.filter((r) => r.group.key === row.group.key).map((r) => target([r]));
}

/** "this finding (zlib1g)", "every finding of CVE-2022-0563 (8 packages)", "every finding of util-linux (1 vulnerability)". */
export function scopeLabel(data: ReviewData, row: FindingRow, scope: TriageScope): string {
  if (scope === 'finding') return `this finding (${row.findings.map((f) => f.package.name).join(', ')})`;
  if (scope === 'cve') {
    const n = new Set(
      data.rows.filter((r) => r.vulnId === row.vulnId).flatMap((r) => r.findings.map((f) => f.package.purl)),
    ).size;
    return `every finding of ${row.vulnId} (${n} ${n === 1 ? 'package' : 'packages'})`;
  }
  const n = data.rows.filter((r) => r.group.key === row.group.key).length;
  return `every finding of ${row.group.name} ${row.group.version} (${n} ${n === 1 ? 'vulnerability' : 'vulnerabilities'})`;
}

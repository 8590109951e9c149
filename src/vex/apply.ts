/**
 * Which VEX statement speaks for each finding. A statement applies when it names the
 * finding's vulnerability (by id or alias) and its product is the image (optionally
 * narrowed to subcomponent package purls) or the finding's package itself. When several
 * apply, the latest wins (OpenVEX: statements are a sequence, each overriding the earlier
 * ones); statements past their expiry are ignored.
 */
import type { Finding } from '../match/types.js';
import type { ImageMeta } from '../sbom/model.js';
import { type VexDocument, type VexJustification, type VexStatement, type VexStatus, suppresses } from './model.js';
import { expiryOf, isExpired, noteOf } from './notes.js';
import { matchProduct, purlCovers, subcomponentPurls } from './product.js';

export interface VexDecision {
  status: VexStatus;
  justification?: VexJustification;
  impactStatement?: string;
  actionStatement?: string;
  /** The note without airlock's expiry line. */
  note?: string;
  expires?: string;
  timestamp?: string;
  /** 0-based index of the statement in the document. */
  statement: number;
}

export function statementTime(s: VexStatement, doc: VexDocument): number {
  const t = Date.parse(s.last_updated ?? s.timestamp ?? doc.last_updated ?? doc.timestamp);
  return Number.isNaN(t) ? 0 : t;
}

function appliesTo(s: VexStatement, f: Finding, image: ImageMeta): boolean {
  return (s.products ?? []).some((p) => {
    const match = matchProduct(p, image);
    if (!match) return false;
    if (match.kind === 'package') return purlCovers(match.purl, f.package.purl);
    const subs = subcomponentPurls(p);
    return subs.length === 0 || subs.some((sub) => purlCovers(sub, f.package.purl));
  });
}

function decisionOf(s: VexStatement, index: number): VexDecision {
  const d: VexDecision = { status: s.status, statement: index };
  if (s.justification) d.justification = s.justification;
  if (s.impact_statement) d.impactStatement = s.impact_statement;
  if (s.action_statement) d.actionStatement = s.action_statement;
  const note = noteOf(s.status_notes);
  if (note) d.note = note;
  const expires = expiryOf(s);
  if (expires) d.expires = expires.toISOString();
  if (s.last_updated ?? s.timestamp) d.timestamp = s.last_updated ?? s.timestamp;
  return d;
}

export interface VexOutcome {
  /** Aligned with the findings given: the deciding statement, if any. */
  decisions: (VexDecision | undefined)[];
  /** Statements ignored because their expiry has passed. */
  expired: number;
}

export function decideFindings(
  doc: VexDocument | undefined,
  image: ImageMeta,
  findings: Finding[],
  now: Date,
): VexOutcome {
  if (!doc) return { decisions: findings.map(() => undefined), expired: 0 };
  const byId = new Map<string, number[]>();
  let expired = 0;
  doc.statements.forEach((s, i) => {
    if (isExpired(s, now)) {
      expired++;
      return;
    }
    for (const id of new Set([s.vulnerability.name, ...(s.vulnerability.aliases ?? [])]))
      byId.set(id, [...(byId.get(id) ?? []), i]);
  });
  const decisions = findings.map((f) => {
    const candidates = new Set([f.vulnId, ...f.aliases].flatMap((id) => byId.get(id) ?? []));
    let best: number | undefined;
    for (const i of [...candidates].sort((a, b) => a - b)) {
      if (!appliesTo(doc.statements[i], f, image)) continue;
      if (best === undefined || statementTime(doc.statements[i], doc) >= statementTime(doc.statements[best], doc))
        best = i;
    }
    return best === undefined ? undefined : decisionOf(doc.statements[best], best);
  });
  return { decisions, expired };
}

/** `suppressed (not_affected: vulnerable_code_not_present)`, `suppressed (fixed)`. */
export function suppressionMarker(d: VexDecision): string {
  if (d.status === 'not_affected')
    return `suppressed (not_affected: ${d.justification ?? d.impactStatement ?? 'no justification given'})`;
  return `suppressed (${d.status})`;
}

export type SuppressedFinding = Finding & { vex: VexDecision & { marker: string } };

/** A finding a report keeps; an `affected` / `under_investigation` statement that spoke for it rides along. */
export type DecidedFinding = Finding & { vex?: VexDecision & { marker: string } };

/** Splits findings into those reports keep and those a `not_affected` / `fixed` statement takes out. */
export function partitionFindings(
  findings: Finding[],
  decisions: (VexDecision | undefined)[],
  leavesOut: (status: VexStatus) => boolean = suppresses,
): { kept: DecidedFinding[]; suppressed: SuppressedFinding[] } {
  const kept: DecidedFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  findings.forEach((f, i) => {
    const d = decisions[i];
    if (d && leavesOut(d.status)) suppressed.push({ ...f, vex: { ...d, marker: suppressionMarker(d) } });
    else kept.push(d ? { ...f, vex: { ...d, marker: `vex (${d.status})` } } : f);
  });
  return { kept, suppressed };
}

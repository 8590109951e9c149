/**
 * `airlock policy` as text (a terminal or a file) and Markdown (a merge request comment):
 * one line per policy with its verdict and summary, then the items that decided it.
 * Image-derived text is passed through `terminalSafe` / Markdown escaping.
 */
import { terminalSafe } from '../../text/terminal-safe.js';
import { paintBand, type Style } from '../vulns/style.js';
import type { PolicyReport } from '../../services/policy.js';
import type { PolicyItem, PolicyStatus } from '../../policy/model.js';
import { policyTally } from '../../policy/evaluate.js';

const MARK: Record<PolicyStatus, string> = { pass: '✓', fail: '✗', unknown: '?' };
const WORD: Record<PolicyStatus, string> = { pass: 'passed', fail: 'FAILED', unknown: 'no data' };
const COLOR: Record<PolicyStatus, string> = { pass: '32', fail: '31', unknown: '33' };

/** At most this many items per policy in text and Markdown; JSON lists them all. */
const SHOWN = 25;

function itemLine(i: PolicyItem, style: Style): string {
  const text = terminalSafe(i.text);
  const painted = i.band ? `${paintBand(style, i.band, i.band.toUpperCase().padEnd(8))} ${text}` : text;
  return i.waived
    ? `${painted}  [waived: ${terminalSafe(i.waived.reason)}${i.waived.expires ? `, until ${i.waived.expires.slice(0, 10)}` : ''}]`
    : painted;
}

export function renderPolicyText(report: PolicyReport, style: Style): string {
  const paint = (s: PolicyStatus, t: string) => (style.color ? `\x1b[${COLOR[s]}m${t}\x1b[39m` : t);
  const t = policyTally(report.results);
  const out = [
    `Policy status  ${t.failed > 0 ? paint('fail', `FAILED (${t.failed} of ${t.total} failed)`) : paint('pass', `passed (${t.passed} of ${t.total})`)}${t.unknown ? `, ${t.unknown} without data` : ''}`,
  ];
  out.push(
    `  image     ${terminalSafe(report.image.name)}${report.image.manifestDigest ? ` ${report.image.manifestDigest.slice(0, 19)}` : ''}`,
  );
  out.push(`  policies  ${report.policyFile ?? "built-in defaults (Docker Scout's)"}`);
  if (report.vex) out.push(`  vex       ${report.vex.file}: ${report.vex.suppressed} suppressed`);
  out.push(
    `  database  ${report.database.sequence !== undefined ? `sequence ${report.database.sequence}` : 'local build'}${report.database.dataDate ? `, data ${report.database.dataDate.slice(0, 10)}` : ''}${report.database.ageDays !== undefined ? `, ${report.database.ageDays} days old` : ''}`,
  );
  out.push('');
  for (const r of report.results) {
    out.push(`${paint(r.status, `${MARK[r.status]} ${WORD[r.status].padEnd(7)}`)}  ${r.name}`);
    out.push(`             ${terminalSafe(r.summary)}`);
    const items = r.status === 'fail' ? r.items : r.items.filter((i) => i.waived);
    for (const i of items.slice(0, SHOWN)) out.push(`             - ${itemLine(i, style)}`);
    if (items.length > SHOWN)
      out.push(`             … and ${items.length - SHOWN} more (--format json lists them all)`);
  }
  if (report.disabled.length) out.push('', `disabled in the policy file: ${report.disabled.join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** Markdown text: backslash-escapes the characters that would format, and keeps it on one line. */
const md = (s: string) => terminalSafe(s).replace(/[\\`*_[\]|<>~]/g, '\\$&');

export function renderPolicyMarkdown(report: PolicyReport): string {
  const t = policyTally(report.results);
  const out = [
    `## Policy status: ${t.failed > 0 ? `❌ ${t.failed} of ${t.total} failed` : `✅ ${t.passed} of ${t.total} passed`}`,
    '',
  ];
  out.push(
    `Image \`${report.image.name.replace(/`/g, "'")}\`; policies: ${md(report.policyFile ?? 'built-in defaults')}.`,
    '',
  );
  out.push('| | Policy | Result |', '| --- | --- | --- |');
  for (const r of report.results) out.push(`| ${MARK[r.status]} | ${r.name} | ${md(r.summary)} |`);
  for (const r of report.results.filter((x) => x.status === 'fail')) {
    out.push('', `### ${r.name}`, '');
    for (const i of r.items.slice(0, SHOWN))
      out.push(
        `- ${i.band ? `**${i.band.toUpperCase()}** ` : ''}${md(i.text)}${i.waived ? ` _(waived: ${md(i.waived.reason)})_` : ''}`,
      );
    if (r.items.length > SHOWN) out.push(`- … and ${r.items.length - SHOWN} more`);
  }
  return `${out.join('\n')}\n`;
}

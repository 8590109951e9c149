/** The triage dialog and the full key help, drawn over the bottom of the body. */
import { VEX_JUSTIFICATIONS } from '../../../vex/model.js';
import type { ReviewData } from '../data.js';
import { line, seg, text, type Line } from '../lines.js';
import type { ReviewState } from '../state.js';
import { scopeLabel, SCOPE_KEYS, STATUS_KEYS, type TriageState } from '../triage.js';

const rule = (title: string, width: number): Line =>
  text(`── ${title} ${'─'.repeat(Math.max(0, width - title.length - 4))}`, 'accent');
const choice = (key: string, label: string): Line => line(seg(`  ${key}  `, 'bold'), seg(label));

function chosen(data: ReviewData, t: TriageState): string {
  const row = data.rows.find((r) => r.key === t.rowKey)!;
  const parts = [row.vulnId];
  if (t.scope) parts.push(scopeLabel(data, row, t.scope));
  if (t.status) parts.push(t.status + (t.justification ? `: ${t.justification}` : ''));
  return parts.join(' · ');
}

export function triageLines(data: ReviewData, state: ReviewState): Line[] {
  const t = state.triage!;
  const row = data.rows.find((r) => r.key === t.rowKey)!;
  const lines: Line[] = [rule('Triage (OpenVEX)', state.size.columns), text(chosen(data, t), 'bold')];
  switch (t.step) {
    case 'scope':
      lines.push(text('Apply to:'));
      for (const [key, scope] of Object.entries(SCOPE_KEYS)) lines.push(choice(key, scopeLabel(data, row, scope)));
      break;
    case 'status':
      lines.push(text('Status:'));
      for (const [key, status] of Object.entries(STATUS_KEYS)) lines.push(choice(key, status));
      break;
    case 'justification':
      lines.push(text('Why is it not affected?'));
      VEX_JUSTIFICATIONS.forEach((j, i) => lines.push(choice(String(i + 1), j)));
      break;
    case 'note':
      lines.push(
        text(
          t.status === 'affected'
            ? 'Action (what will be done about it), Enter to go on:'
            : 'Note (optional), Enter to go on:',
        ),
      );
      lines.push(line(seg('  > '), seg(t.note, 'input'), seg('█')));
      break;
    case 'expiry':
      lines.push(text('Expires (Enter: never · 30d · 2027-01-31), Enter to record:'));
      lines.push(line(seg('  > '), seg(t.expiry, 'input'), seg('█')));
      if (t.error) lines.push(text(`  ${t.error}`, 'bad'));
      break;
  }
  return lines;
}

export const HELP: [string, string][] = [
  ['1 2 3, Tab', 'overview, vulnerabilities, layers; next screen'],
  ['↑ ↓  j k', 'move (scroll in the detail pane)'],
  ['PgUp PgDn g G', 'page up/down, first, last'],
  ['Enter  Esc', 'open the detail pane, back to the list'],
  ['s', 'sort: severity, CVSS, EPSS, KEV, fixability'],
  ['C H M L U', 'show only these severities (toggle each)'],
  ['t  x  b', 'package type · fix available / no fix · base / own layers'],
  ['/  r  h', 'search text · reset filters · show suppressed findings'],
  ['m', 'triage: not_affected / affected / under_investigation / fixed'],
  ['mouse', 'click a tab, a row (again: its detail), a layer; wheel moves'],
  ['?  q  Ctrl-C', 'this help · quit'],
];

export function helpLines(state: ReviewState): Line[] {
  return [
    rule('Keys', state.size.columns),
    ...HELP.map(([keys, what]) => line(seg(`  ${keys.padEnd(16)}`, 'bold'), seg(what))),
    text('  any key closes this help', 'dim'),
  ];
}

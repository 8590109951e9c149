/**
 * The whole screen as lines: tabs, a context line, the body (with the triage dialog or
 * help drawn over its bottom), a message line and two lines of key help. Always exactly
 * `frameHeight` lines, each cut to the terminal's width.
 */
import type { ReviewData } from '../data.js';
import { bodyHeight, frameHeight, MIN_SIZE, TABS, tooSmall } from '../layout.js';
import { blank, fit, line, seg, text, wrap, type Line } from '../lines.js';
import { rowDecisions } from '../query.js';
import type { ReviewState } from '../state.js';
import { countSegments, rowCounts } from './common.js';
import { detailLines } from './detail.js';
import { helpLines, triageLines } from './dialogs.js';
import { layersLines } from './layers.js';
import { overviewLines } from './overview.js';
import { vulnsContext, vulnsLines } from './vulns.js';

function tabLine(data: ReviewData, state: ReviewState): Line {
  const active = state.screen === 'detail' ? 'vulns' : state.screen;
  const tabs = TABS.flatMap(([screen, label]) => [
    seg(screen === active ? `[${label}]` : ` ${label} `, screen === active ? 'tabActive' : 'tab'),
    seg(' '),
  ]);
  return line(...tabs, seg('│ ', 'dim'), seg(data.imageName, 'bold'));
}

function contextLine(data: ReviewData, state: ReviewState): Line {
  if (state.screen === 'vulns') return vulnsContext(data, state);
  const counts = rowCounts(data.rows, rowDecisions(data, state.vex));
  const row = state.screen === 'detail' ? data.rows.find((r) => r.key === state.selected) : undefined;
  const where = row ? [seg(`${row.vulnId} in ${row.group.name} · `, 'bold')] : [];
  const statements = state.vex?.statements.length ?? 0;
  return line(
    ...where,
    seg('vulnerabilities '),
    ...countSegments(counts),
    seg(` · ${statements} VEX ${statements === 1 ? 'statement' : 'statements'}`, 'dim'),
  );
}

function keyHelp(data: ReviewData, state: ReviewState): [string, string] {
  if (state.triage) {
    const step = state.triage.step;
    if (step === 'scope')
      return [
        'f this finding · c every finding of the CVE · p every finding of the package',
        'Enter this finding · Esc cancel',
      ];
    if (step === 'status') return ['n not_affected · a affected · u under_investigation · x fixed', 'Esc cancel'];
    if (step === 'justification') return ['1-5 choose the justification', 'Esc cancel'];
    return ['type · Backspace erase · Enter go on', 'Esc cancel'];
  }
  if (state.searching)
    return ['type to search ids, packages and descriptions · Backspace erase', 'Enter keep the search · Esc undo it'];
  if (state.help) return ['any key closes the help', 'q quit'];
  switch (state.screen) {
    case 'overview':
      return ['1 overview · 2 vulnerabilities · 3 layers · Tab next', '? help · q quit'];
    case 'vulns':
      return [
        '↑↓ move · Enter detail · m triage · s sort · C H M L U severity · t type',
        'x fix · b base/own · / search · r reset · h suppressed · ? help · q quit',
      ];
    case 'detail':
      return [
        '↑↓ scroll · PgUp PgDn page · m triage · Esc back to the list',
        '1 overview · 3 layers · ? help · q quit',
      ];
    case 'layers':
      return ['↑↓ select a step · 1 overview · 2 vulnerabilities', '? help · q quit'];
  }
}

function bodyLines(data: ReviewData, state: ReviewState): Line[] {
  switch (state.screen) {
    case 'overview':
      return overviewLines(data, state);
    case 'vulns':
      return vulnsLines(data, state);
    case 'layers':
      return layersLines(data, state);
    case 'detail': {
      const row = data.rows.find((r) => r.key === state.selected);
      if (!row) return [text('No finding selected.', 'dim')];
      return detailLines(data, row, rowDecisions(data, state.vex).get(row.key), state.size.columns).slice(
        state.detailScroll,
      );
    }
  }
}

export function frameLines(data: ReviewData, state: ReviewState): Line[] {
  const { columns } = state.size;
  if (tooSmall(state.size)) {
    const say = `The terminal is ${columns}x${state.size.rows}; airlock review needs at least ${MIN_SIZE.columns}x${MIN_SIZE.rows}. q quits.`;
    return wrap(say, Math.max(1, columns))
      .slice(0, frameHeight(state.size))
      .map((l) => text(l, 'bad'));
  }
  const height = bodyHeight(state.size);
  const overlay = state.triage ? triageLines(data, state) : state.help ? helpLines(state) : [];
  let body = bodyLines(data, state).slice(0, height);
  while (body.length < height) body.push(blank());
  if (overlay.length > 0) body = [...body.slice(0, Math.max(0, height - overlay.length)), ...overlay.slice(-height)];
  const message = state.searching
    ? line(seg('/', 'accent'), seg(state.filters.search, 'input'), seg('█'))
    : state.message
      ? text(state.message.text, state.message.tone)
      : blank();
  const [keys1, keys2] = keyHelp(data, state);
  const lines = [
    tabLine(data, state),
    contextLine(data, state),
    ...body,
    message,
    text(keys1, 'dim'),
    text(keys2, 'dim'),
  ];
  return lines.slice(0, frameHeight(state.size)).map((l) => fit(l, columns));
}

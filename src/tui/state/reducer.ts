/**
 * The review reducer: (data, state, action) → state, with no I/O. Writing the VEX
 * document is asked for through `state.save`, which the app performs and answers with
 * `saved` / `saveFailed`; key presses arrive already mapped to actions (keys.ts).
 */
import { BANDS } from '../../severity/index.js';
import type { Action } from './actions.js';
import type { ReviewData } from './data.js';
import { BODY_TOP, bodyHeight, tabAt } from './layout.js';
import { listEntries, scrollFor } from './list-layout.js';
import { NO_FILTERS, rowDecisions, SORT_KEYS, visibleGroups, visibleRows, type Filters } from './query.js';
import { SCREENS, type ReviewState } from './state.js';
import { startTriage } from './triage.js';
import { triageStep } from './triage-step.js';
import { detailLines } from './views/detail.js';
import { layerTableWindow } from './views/layers.js';

const cycle = <T>(values: readonly T[], current: T): T => values[(values.indexOf(current) + 1) % values.length];
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function reduce(data: ReviewData, state: ReviewState, action: Action): ReviewState {
  return settle(data, step(data, state, action));
}

function step(data: ReviewData, s: ReviewState, a: Action): ReviewState {
  switch (a.type) {
    case 'resize':
      return { ...s, size: { columns: a.columns, rows: a.rows } };
    case 'saved':
      if (s.save?.seq !== a.seq) return s;
      return {
        ...s,
        savedVex: s.save.document,
        recorded: s.recorded + s.save.statements,
        save: undefined,
        message: { text: s.save.summary, tone: 'good' },
      };
    case 'saveFailed':
      if (s.save?.seq !== a.seq) return s;
      return { ...s, vex: s.savedVex, save: undefined, message: { text: `not saved: ${a.message}`, tone: 'bad' } };
    case 'quit':
      return { ...s, quit: true };
  }
  const t = { ...s, message: undefined };
  if (a.type === 'click' || a.type === 'wheel') {
    // The dialogs and the search field are keyboard only; a click closes the help.
    if (t.triage || t.searching) return s;
    if (t.help) return a.type === 'click' ? { ...t, help: false } : s;
    return a.type === 'wheel' ? moveBy(t, a.delta) : clickAt(data, t, a.column, a.row);
  }
  if (t.triage) return triageStep(data, t, a);
  if (t.searching) return searchStep(t, a);
  if (t.help) return a.type === 'help' || a.type === 'cancel' || a.type === 'back' ? { ...t, help: false } : t;
  return browseStep(data, t, a);
}

function browseStep(data: ReviewData, s: ReviewState, a: Action): ReviewState {
  const page = bodyHeight(s.size) - 2;
  const filters = (f: Partial<Filters>) => ({ ...s, filters: { ...s.filters, ...f } });
  switch (a.type) {
    case 'screen':
      return { ...s, screen: a.screen };
    case 'nextScreen':
      return { ...s, screen: cycle(SCREENS, s.screen === 'detail' ? 'vulns' : s.screen) };
    case 'help':
      return { ...s, help: true };
    case 'move':
      return moveBy(s, a.delta);
    case 'page':
      return moveBy(s, a.direction * page);
    case 'edge':
      return moveBy(s, a.to === 'first' ? -Infinity : Infinity);
    case 'open':
      return s.screen === 'vulns' && s.selected ? { ...s, screen: 'detail', detailScroll: 0 } : s;
    case 'back':
    case 'cancel':
      return s.screen === 'detail' ? { ...s, screen: 'vulns' } : s;
    case 'sort':
      return { ...s, sort: cycle(SORT_KEYS, s.sort) };
    case 'band': {
      const bands = s.filters.bands.includes(a.band)
        ? s.filters.bands.filter((b) => b !== a.band)
        : [...s.filters.bands, a.band];
      return filters({ bands: BANDS.filter((b) => bands.includes(b)) });
    }
    case 'packageType':
      return filters({ type: cycle([undefined, ...data.packageTypes], s.filters.type) });
    case 'fix':
      return filters({ fix: cycle(['all', 'fixed', 'unfixed'] as const, s.filters.fix) });
    case 'layer':
      return filters({ layer: cycle(['all', 'base', 'own'] as const, s.filters.layer) });
    case 'suppressed':
      return filters({ showSuppressed: !s.filters.showSuppressed });
    case 'reset':
      return { ...s, filters: NO_FILTERS };
    case 'searchStart':
      return { ...s, searching: true, searchBefore: s.filters.search };
    case 'triageStart':
      return (s.screen === 'vulns' || s.screen === 'detail') && s.selected
        ? { ...s, triage: startTriage(s.selected) }
        : s;
    default:
      return s;
  }
}

/**
 * A click on a tab shows that screen; on a finding row selects it, and on the selected
 * one opens its detail; on a package header selects its first finding; on a layer
 * step selects it. Positions come from the same layout the views draw with.
 */
function clickAt(data: ReviewData, s: ReviewState, column: number, row: number): ReviewState {
  if (row === 0) {
    const tab = tabAt(column);
    return tab ? { ...s, screen: tab } : s;
  }
  // Body line 0 is each list's column header.
  const line = row - BODY_TOP - 1;
  if (line < 0 || line >= bodyHeight(s.size) - 1) return s;
  if (s.screen === 'vulns') {
    const entry = listEntries(visibleGroups(data, s.filters, s.sort, rowDecisions(data, s.vex)))[s.listScroll + line];
    if (!entry) return s;
    const target = entry.kind === 'row' ? entry.row : entry.group.rows[0];
    if (entry.kind === 'row' && target.key === s.selected) return { ...s, screen: 'detail', detailScroll: 0 };
    return { ...s, selected: target.key };
  }
  if (s.screen === 'layers') {
    const window = layerTableWindow(data.steps.length, s.layerCursor, s.size);
    const at = window.top + line;
    return line < window.rows && at < data.steps.length ? { ...s, layerCursor: at } : s;
  }
  return s;
}

function moveBy(s: ReviewState, delta: number): ReviewState {
  if (s.screen === 'vulns') return { ...s, cursor: s.cursor + delta, selected: undefined };
  if (s.screen === 'detail') return { ...s, detailScroll: clamp(s.detailScroll + delta, 0, Number.MAX_SAFE_INTEGER) };
  if (s.screen === 'layers') return { ...s, layerCursor: clamp(s.layerCursor + delta, 0, Number.MAX_SAFE_INTEGER) };
  return s;
}

function searchStep(s: ReviewState, a: Action): ReviewState {
  switch (a.type) {
    case 'text':
      return { ...s, filters: { ...s.filters, search: s.filters.search + a.text } };
    case 'erase':
      return { ...s, filters: { ...s.filters, search: s.filters.search.slice(0, -1) } };
    case 'submit':
      return { ...s, searching: false };
    case 'cancel':
      return { ...s, searching: false, filters: { ...s.filters, search: s.searchBefore } };
    default:
      return s;
  }
}

/** Keeps the selection on a visible row and every scroll position inside its content. */
function settle(data: ReviewData, s: ReviewState): ReviewState {
  const decisions = rowDecisions(data, s.vex);
  const groups = visibleGroups(data, s.filters, s.sort, decisions);
  const rows = visibleRows(groups);
  let { selected, cursor } = s;
  const at = rows.findIndex((r) => r.key === selected);
  // The detail pane stays on its finding even when triage just hid it from the list.
  const keepDetail = s.screen === 'detail' && selected !== undefined && data.rows.some((r) => r.key === selected);
  if (at >= 0) cursor = at;
  else if (!keepDetail) {
    cursor = rows.length === 0 ? 0 : clamp(cursor, 0, rows.length - 1);
    selected = rows[cursor]?.key;
  }
  const height = bodyHeight(s.size);
  const listScroll = scrollFor(listEntries(groups), selected, s.listScroll, height - 1);
  let detailScroll = s.detailScroll;
  if (s.screen === 'detail') {
    const row = data.rows.find((r) => r.key === selected);
    const total = row ? detailLines(data, row, decisions.get(row.key), s.size.columns).length : 0;
    detailScroll = clamp(detailScroll, 0, Math.max(0, total - height));
  }
  const screen = s.screen === 'detail' && !selected ? 'vulns' : s.screen;
  const layerCursor = clamp(s.layerCursor, 0, Math.max(0, data.steps.length - 1));
  return { ...s, screen, selected, cursor, listScroll, detailScroll, layerCursor };
}

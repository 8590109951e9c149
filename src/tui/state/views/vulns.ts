/** The vulnerability list: one header per package group, one row per vulnerability, the cursor's row inverse. */
import { fixText } from '../../../report/vulns/finding-lines.js';
import type { FindingRow, ReviewData } from '../data.js';
import { bodyHeight } from '../layout.js';
import { cell, line, seg, text, wrap, type Line } from '../lines.js';
import { listEntries } from '../list-layout.js';
import {
  filterSummary,
  rowDecisions,
  visibleGroups,
  visibleRows,
  type RowDecision,
  type VisibleGroup,
} from '../query.js';
import type { ReviewState } from '../state.js';
import { BAND_SHORT, plural } from './common.js';

const TRIAGE_WORD = {
  not_affected: 'not affected',
  affected: 'affected',
  under_investigation: 'investigating',
  fixed: 'fixed (VEX)',
} as const;

function columns(width: number) {
  const fixed = 4 + 5 + 17 + 5 + 7 + 4;
  const fix = Math.max(10, Math.floor((width - fixed) * 0.55));
  return { fix, triage: Math.max(6, width - fixed - fix - 1) };
}

function rowLine(row: FindingRow, d: RowDecision | undefined, selected: boolean, width: number): Line {
  const c = columns(width);
  const epss = row.epss === undefined ? '-' : `${(row.epss * 100).toFixed(row.epss >= 0.1 ? 0 : 2)}%`;
  const triage = d?.decision ? TRIAGE_WORD[d.decision.status] : '';
  const dim = d?.suppressed;
  return {
    selected,
    segments: [
      seg(selected ? '  › ' : '    '),
      seg(cell(BAND_SHORT[row.band], 5), dim ? 'dim' : row.band),
      seg(cell(row.vulnId, 17), dim ? 'dim' : 'bold'),
      seg(cell(row.cvss === undefined ? '-' : row.cvss.toFixed(1), 4, 'right') + ' ', dim ? 'dim' : undefined),
      seg(cell(epss, 6, 'right') + ' ', dim ? 'dim' : undefined),
      seg(cell(row.kev ? 'KEV' : '', 4), 'bad'),
      seg(cell(fixText(row.lead), c.fix) + ' ', dim ? 'dim' : row.lead.status === 'fixed' ? 'good' : undefined),
      seg(cell(triage, c.triage), dim ? 'dim' : 'accent'),
    ],
  };
}

function groupLine(g: VisibleGroup): Line {
  const also = g.group.installedAs.length > 0 ? ` · installed as ${g.group.installedAs.join(', ')}` : '';
  return line(
    seg(`${g.group.name} ${g.group.version}`, 'heading'),
    seg(` · ${g.group.type} · ${plural(g.rows.length, 'vulnerability', 'vulnerabilities')}${also}`, 'dim'),
  );
}

function emptyLines(data: ReviewData, state: ReviewState): Line[] {
  const say = [`No finding matches the filters (${filterSummary(state.filters)}). r resets them.`];
  if (state.filters.layer === 'own' && data.image.layers.length <= 1)
    say.push('This image has one layer: everything in it counts as base until base image detection exists.');
  if (data.rows.length === 0) say.push('No vulnerable package was found in this image.');
  return say.flatMap((s) => wrap(s, state.size.columns - 4).map((l) => text(`    ${l}`, 'dim')));
}

export function vulnsLines(data: ReviewData, state: ReviewState): Line[] {
  const width = state.size.columns;
  const decisions = rowDecisions(data, state.vex);
  const groups = visibleGroups(data, state.filters, state.sort, decisions);
  const c = columns(width);
  const header = text(
    `    ${cell('SEV', 5)}${cell('VULNERABILITY', 17)}${cell('CVSS', 4, 'right')} ${cell('EPSS', 6, 'right')} ${cell('', 4)}${cell('FIX', c.fix)} ${cell('TRIAGE', c.triage)}`,
    'dim',
  );
  if (groups.length === 0) return [header, ...emptyLines(data, state)];
  const entries = listEntries(groups);
  const visible = entries.slice(state.listScroll, state.listScroll + bodyHeight(state.size) - 1);
  return [
    header,
    ...visible.map((e) =>
      e.kind === 'group'
        ? groupLine(e.group)
        : rowLine(e.row, decisions.get(e.row.key), e.row.key === state.selected, width),
    ),
  ];
}

/** `row 1/3 · 3 of 14 findings shown · sort severity · filters H,L · 1 suppressed hidden` */
export function vulnsContext(data: ReviewData, state: ReviewState): Line {
  const decisions = rowDecisions(data, state.vex);
  const shown = visibleRows(visibleGroups(data, state.filters, state.sort, decisions)).length;
  const hidden = state.filters.showSuppressed ? 0 : data.rows.filter((r) => decisions.get(r.key)?.suppressed).length;
  return line(
    seg(shown > 0 ? `row ${state.cursor + 1}/${shown} · ` : ''),
    seg(`${shown} of ${plural(data.rows.length, 'finding', 'findings')} shown`, 'bold'),
    seg(' · sort '),
    seg(state.sort, 'accent'),
    seg(' · filters '),
    seg(filterSummary(state.filters), 'accent'),
    ...(hidden > 0 ? [seg(` · ${hidden} suppressed hidden (h)`, 'dim')] : []),
  );
}

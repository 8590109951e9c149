/** The layers view (after dive): each history step with its size and what it added, and the selected step in full. */
import { formatBytes } from '../../../cli/progress.js';
import type { ReviewData } from '../data.js';
import { bodyHeight, type Size } from '../layout.js';
import { cell, field, line, seg, text, type Line } from '../lines.js';
import { rowDecisions } from '../query.js';
import type { ReviewState } from '../state.js';
import { countSegments, plural, rowCounts, shortDigest } from './common.js';

const NOT_KNOWN =
  'not known: this SBOM does not record what each layer did to the packages, so a package this layer upgraded counts as added and one it removed leaves no trace';

/** Which steps the table shows: at most half the body, scrolled so the selected one shows. */
export function layerTableWindow(steps: number, cursor: number, size: Size): { top: number; rows: number } {
  const rows = Math.max(3, Math.min(steps, Math.floor(bodyHeight(size) / 2) - 1));
  return { top: Math.max(0, Math.min(cursor - rows + 1, steps - rows)), rows };
}

export function layersLines(data: ReviewData, state: ReviewState): Line[] {
  const width = state.size.columns;
  const decisions = rowDecisions(data, state.vex);
  const rowsByKey = new Map(data.rows.map((r) => [r.key, r]));
  const { top, rows: tableRows } = layerTableWindow(data.steps.length, state.layerCursor, state.size);
  const lines: Line[] = [
    text(
      `    ${cell('#', 3)}${cell('SIZE', 10, 'right')}  ${cell('ADDED', 5, 'right')}  ${cell('VULNS', 5, 'right')}  COMMAND`,
      'dim',
    ),
  ];
  data.steps.slice(top, top + tableRows).forEach((step, i) => {
    const at = top + i;
    const l = step.layer;
    const vulns = l ? l.rowKeys.filter((k) => !decisions.get(k)?.suppressed).length : undefined;
    lines.push({
      selected: at === state.layerCursor,
      segments: [
        seg(at === state.layerCursor ? '  › ' : '    '),
        seg(cell(l ? String(l.index + 1) : '-', 3)),
        seg(cell(l ? formatBytes(l.size) : '-', 10, 'right') + '  '),
        seg(cell(l ? String(l.added.length) : '-', 5, 'right') + '  '),
        seg(cell(vulns === undefined ? '-' : String(vulns), 5, 'right') + '  ', vulns ? 'bad' : undefined),
        seg((step.createdBy ?? '(no command recorded)').replace(/\s+/g, ' '), l ? undefined : 'dim'),
      ],
    });
  });
  lines.push(text('─'.repeat(width), 'dim'));
  const step = data.steps[state.layerCursor];
  if (!step) return [...lines, text('The image records no layers.', 'dim')];
  const l = step.layer;
  if (!l) {
    lines.push(
      text(`Step ${state.layerCursor + 1} of ${data.steps.length}: metadata only, no filesystem change`, 'heading'),
    );
    lines.push(...field('Command', step.createdBy ?? '(none recorded)', width));
    return lines;
  }
  const kind = l.isBase ? 'base image' : 'own';
  lines.push(text(`Layer ${l.index + 1} of ${data.layers.length} (${kind})`, 'heading'));
  lines.push(
    ...field(
      'Digest',
      `${shortDigest(l.diffId)} (diff_id) · ${formatBytes(l.size)} compressed${l.created ? ` · ${l.created.slice(0, 16).replace('T', ' ')}` : ''}`,
      width,
    ),
  );
  lines.push(...field('Command', step.createdBy ?? '(none recorded)', width));
  const rows = l.rowKeys.map((k) => rowsByKey.get(k)!).filter(Boolean);
  lines.push(
    line(
      seg('Vulns'.padEnd(12), 'dim'),
      ...countSegments(rowCounts(rows, decisions)),
      seg(' in the packages it added', 'dim'),
    ),
  );
  if (!l.changesKnown) {
    lines.push(...field('Removed', NOT_KNOWN, width, 12, 'dim'));
    lines.push(
      ...packageList(
        'Added',
        l.added.map((p) => `${p.name} ${p.version}`),
        width,
      ),
    );
    return lines;
  }
  lines.push(
    ...field('Packages', `added ${l.added.length}, removed ${l.removed.length}, changed ${l.changed.length}`, width),
  );
  lines.push(
    ...packageList(
      'Removed',
      l.removed.map((p) => `${p.name} ${p.version}`),
      width,
    ),
  );
  lines.push(
    ...packageList(
      'Changed',
      l.changed.map((c) => `${c.name} ${c.from} → ${c.to}`),
      width,
    ),
  );
  lines.push(
    ...packageList(
      'Added',
      l.added.map((p) => `${p.name} ${p.version}`),
      width,
    ),
  );
  return lines;
}

function packageList(label: string, items: string[], width: number): Line[] {
  return field(
    label,
    `${plural(items.length, 'package', 'packages')}${items.length > 0 ? `: ${items.join(', ')}` : ''}`,
    width,
  );
}

/** Text of `base add`, `base list` and `airlock recommendations`. Pure functions of plain data. */
import { severityCells } from '../vulns/severity-cells.js';
import { faint, type Style } from '../vulns/style.js';
import { shortDigest } from '../../store/images.js';
import type { AddedBase } from '../../services/base/add.js';
import { describeMethod } from '../../base/attribute.js';
import { boxColumn, boxLines, needsU, type BoxRow } from './box.js';
import type { BaseListEntry, RemovedBase } from '../../services/base/manage.js';
import type { BaseCandidate, BaseImageRow } from '../../base/model.js';
import type { BaseRecommendations } from '../../services/base/recommendations.js';

const minute = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\x1b\[[\d;]*m/g, '');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? '').length)));
  return `${rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - visible(c).length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

export function renderAdded(added: AddedBase[]): string {
  return added
    .map(
      (a) =>
        `Added ${a.name} to the base catalog: ${shortDigest(a.digest)}, ${a.layers} ${a.layers === 1 ? 'layer' : 'layers'}${a.os ? `, ${a.os}` : ''}, built ${minute(a.created)}${a.snapshot === 'existing' ? ' (already stored)' : ''}\n`,
    )
    .join('');
}

export function renderBaseList(entries: BaseListEntry[], style: Style): string {
  if (entries.length === 0)
    return 'the base catalog is empty (airlock base add TARBALL --name REPOSITORY:TAG adds one)\n';
  const rows = [['NAME', 'DIGEST', 'BUILT', 'LAYERS', 'OS', '     C      H      M      L      U', 'SEQ']];
  for (const e of entries) {
    rows.push([
      e.name,
      shortDigest(e.digest),
      minute(e.created),
      String(e.diffIds.length),
      e.os ?? '-',
      severityCells(e.counts, style, { alwaysU: true }),
      e.evaluatedSequence === undefined ? '-' : String(e.evaluatedSequence),
    ]);
  }
  return table(rows);
}

/** `af55edd7567e, built 2026-11-25 08:27, detected by layer prefix: 1 of 4 layers` */
export function baseFacts(base: BaseImageRow): string {
  const parts = [
    base.digest ? shortDigest(base.digest) : '',
    base.created ? `built ${minute(base.created)}` : '',
    describeMethod(base.by),
  ];
  if (base.layers)
    parts.push(`${base.layers.base} of ${base.layers.image} layers${base.layers.assumed ? ' (assumed)' : ''}`);
  return parts.filter(Boolean).join(', ');
}

const LABEL = { refreshed: 'Refreshed base image', updated: 'Updated base image' } as const;

export function candidateRows(base: BaseImageRow, candidates: BaseCandidate[]): BoxRow[] {
  return candidates.map((c) => ({
    label: LABEL[c.kind],
    name: c.name,
    counts: c.counts,
    delta: c.delta,
    alwaysU: base.counts ? needsU(c.counts, base.counts) : false,
  }));
}

export function renderRecommendations(r: BaseRecommendations, style: Style): string {
  const out: string[] = [];
  if (!r.base) return `${r.image.name}: ${r.reason}\n`;
  out.push(`Base image of ${r.image.name}: ${r.base.name} (${baseFacts(r.base)})`);
  for (const note of r.notes) out.push(faint(style, `  note: ${note}`));
  if (!r.base.counts) return `${[...out, `  ${r.reason}`].join('\n')}\n`;
  const baseRow: BoxRow = { label: 'Base image', name: r.base.name, counts: r.base.counts };
  const rows = candidateRows(r.base, r.candidates);
  const column = boxColumn([baseRow, ...rows], [r.base.name]);
  out.push(...boxLines([baseRow], column, style));
  r.candidates.forEach((c, i) => {
    out.push(...boxLines([rows[i]], column, style));
    out.push(faint(style, `      ${shortDigest(c.digest)}, built ${minute(c.created)}${c.os ? `, ${c.os}` : ''}`));
  });
  if (r.reason) out.push(`  ${r.reason}`);
  return `${out.join('\n')}\n`;
}

/** `airlock base rm`: each catalog entry taken out, then the snapshots that went with them. */
export function renderRemovedBases(result: RemovedBase): string[] {
  const lines = result.removed.map((e) => `Removed ${e.name} (${shortDigest(e.digest)}) from the base catalog`);
  if (result.removedSnapshots.length > 0)
    lines.push(
      `Removed the stored snapshot${result.removedSnapshots.length > 1 ? 's' : ''} ${result.removedSnapshots.join(', ')}`,
    );
  return lines;
}

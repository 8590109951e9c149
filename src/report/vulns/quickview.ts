/**
 * The quickview box, laid out exactly as Docker Scout's `docker scout quickview` prints it
 * (its CLI reference, https://docs.docker.com/reference/cli/docker/scout/quickview/):
 *
 *     ✓ Indexed 187 packages · advisory database 2026-11-24 (seq 42, 0 days old)
 *   Your image  postgres:13.1                 │   17C    32H    35M    33L
 *   Base image  debian:buster-slim            │    9C    14H     9M    23L
 *   Refreshed base image  debian:buster-slim  │    0C     1H     6M    29L
 *                                             │    -9    -13     -3     +6
 *   Updated base image  debian:stable-slim    │    0C     0H     0M    17L
 *                                             │    -9    -14     -9     -6
 *
 * Names are padded to a common column (at least 18 characters, then 3 spaces, and 2 spaces
 * past the longest row) so the `│` lines up; each count cell is right-aligned (see
 * counts.ts). The base rows come from the base-image catalog (src/base/); without a base
 * there is no base row, and one line says why.
 */
import { boxColumn, boxLines, type BoxRow } from '../base/box.js';
import { candidateRows } from '../base/render.js';
import type { QuickviewResult } from '../../services/quickview.js';
import { severityCells } from './severity-cells.js';
import { coverageLines } from './coverage-lines.js';
import { databaseLine } from './database-line.js';
import { faint, green, type Style } from './style.js';

const MIN_NAME = 18;

/** Where the box's `│` sits: lines added under the box (VEX's) align with it. */
export function quickviewColumn(q: QuickviewResult): number {
  return boxColumn(boxRows(q), [q.image.name, q.base?.base?.name ?? q.baseImage?.name ?? '']);
}

function boxRows(q: QuickviewResult): BoxRow[] {
  const rows: BoxRow[] = [{ label: 'Your image', name: q.image.name, counts: q.image.counts }];
  const base = q.base?.base;
  if (!base) return rows;
  if (!base.counts)
    return [...rows, { label: 'Base image', name: base.name, text: base.note ?? 'not in the base catalog, no counts' }];
  const candidates = [q.base!.refreshed, q.base!.updated].filter((c) => c !== undefined);
  return [...rows, { label: 'Base image', name: base.name, counts: base.counts }, ...candidateRows(base, candidates)];
}

export function renderQuickview(q: QuickviewResult, style: Style): string {
  const lines = [`    ${green(style, '✓')} Indexed ${q.indexedPackages} packages · ${databaseLine(q.database)}`];
  if (q.base) {
    lines.push(...boxLines(boxRows(q), quickviewColumn(q), style));
    lines.push(...coverageLines(q.coverage, q.distro, style, '  '));
    if (q.base.reason) lines.push(faint(style, `  No base image identified: ${q.base.reason}`));
    for (const note of q.base.notes) lines.push(faint(style, `    note: ${note}`));
    return `${lines.join('\n')}\n`;
  }
  // No base detection ran (a caller that does not look at the catalog): quickview's two rows (image and base).
  const width = Math.max(MIN_NAME, q.image.name.length, q.baseImage?.name.length ?? 0) + 3;
  lines.push(`  Your image  ${q.image.name.padEnd(width)}│${severityCells(q.image.counts, style)}`);
  if (q.baseImage)
    lines.push(`  Base image  ${q.baseImage.name.padEnd(width)}│${severityCells(q.baseImage.counts, style)}`);
  else
    lines.push(
      faint(
        style,
        `  Base image  ${'(not identified)'.padEnd(width)}│ no base image found in the catalog (airlock base add)`,
      ),
    );
  lines.push(...coverageLines(q.coverage, q.distro, style, '  '));
  return `${lines.join('\n')}\n`;
}

/**
 * The quickview box, exactly as the seed lays it out:
 *
 *     ✓ Indexed 187 packages · advisory database 2026-11-24 (seq 42, 0 days old)
 *   Your image  postgres:13.1        │   17C    32H    35M    33L     2U
 *
 * Names are padded to a common column (at least 18 characters, then 3 spaces) so the
 * `│` lines up; each count cell is right-aligned (see counts.ts).
 */
import type { QuickviewResult } from '../../services/quickview.js';
import { severityCells } from './counts.js';
import { databaseLine } from './database-line.js';
import { faint, green, type Style } from './style.js';

const MIN_NAME = 18;

export function renderQuickview(q: QuickviewResult, style: Style): string {
  const width = Math.max(MIN_NAME, q.image.name.length, q.baseImage?.name.length ?? 0) + 3;
  const lines = [`    ${green(style, '✓')} Indexed ${q.indexedPackages} packages · ${databaseLine(q.database)}`];
  lines.push(`  Your image  ${q.image.name.padEnd(width)}│${severityCells(q.image.counts, style)}`);
  if (q.baseImage) lines.push(`  Base image  ${q.baseImage.name.padEnd(width)}│${severityCells(q.baseImage.counts, style)}`);
  else lines.push(faint(style, `  Base image  ${'(not identified)'.padEnd(width)}│ no base image catalog yet`));
  return `${lines.join('\n')}\n`;
}

/**
 * The rows of quickview's box, shared by `airlock quickview` and `airlock recommendations`:
 *
 *   Your image  postgres:13.1                 │   17C    32H    35M    33L
 *   Base image  debian:buster-slim            │    9C    14H     9M    23L
 *   Refreshed base image  debian:buster-slim  │    0C     1H     6M    29L
 *                                             │    -9    -13     -3     +6
 *
 * Every row is `  LABEL  NAME` padded to one column, then `│`. The column is at least
 * quickview's two-row layout (`Your image` + 2 spaces + the longest of 18 characters and
 * the image and base names + 3 spaces), and 2 spaces past the longest row.
 */
import { severityCells } from '../vulns/severity-cells.js';
import type { SeverityCounts } from '../../findings/model.js';
import { faint, green, red, type Style } from '../vulns/style.js';
import { BANDS } from '../../severity/index.js';

export interface BoxRow {
  label: string;
  name: string;
  counts?: SeverityCounts;
  /** Shown after `│` instead of counts. */
  text?: string;
  /** A second row of per-band differences under this one. */
  delta?: SeverityCounts;
  /** Show the U cell even when zero (a delta row that needs it). */
  alwaysU?: boolean;
}

const MIN_NAME = 18;
const LEAD = '  Your image  '.length;

export function boxColumn(rows: BoxRow[], twoRowNames: string[]): number {
  const twoRow = LEAD + Math.max(MIN_NAME, ...twoRowNames.map((n) => n.length)) + 3;
  return Math.max(twoRow, ...rows.map((r) => rowHead(r).length + 2));
}

const rowHead = (r: BoxRow) => `  ${r.label}  ${r.name}`;

export function boxLines(rows: BoxRow[], column: number, style: Style): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    const head = rowHead(r).padEnd(column);
    if (r.counts) lines.push(`${head}│${severityCells(r.counts, style, { alwaysU: r.alwaysU })}`);
    else lines.push(faint(style, `${head}│ ${r.text ?? ''}`));
    if (r.delta) lines.push(`${' '.repeat(column)}│${deltaCells(r.delta, style, r.alwaysU ?? false)}`);
  }
  return lines;
}

/** `    -9    -13     -3     +6`: the cells of severityCells, signed, green when fewer. */
export function deltaCells(delta: SeverityCounts, style: Style, withU: boolean): string {
  const cells = BANDS.filter((b) => b !== 'unspecified' || withU || delta.unspecified !== 0).map((b) => {
    const n = delta[b];
    const text = `${n > 0 ? '+' : ''}${n}`.padStart(5);
    return n < 0 ? green(style, text) : n > 0 ? red(style, text) : faint(style, text);
  });
  return ` ${cells.join('  ')}`;
}

/** Candidate rows show U when the candidate or the base has any, so the delta row lines up. */
export function needsU(candidate: SeverityCounts, base: SeverityCounts): boolean {
  return candidate.unspecified > 0 || base.unspecified > 0;
}

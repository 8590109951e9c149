/**
 * `airlock compare`, after `docker scout compare`'s layout
 * (https://docs.docker.com/reference/cli/docker/scout/compare/): both images side by side with their counts
 * and the change per band, then the package changes (+ added, - removed, ↑ changed), then
 * the vulnerabilities that are new and the ones that are gone.
 */
import { matchedLine } from './coverage-lines.js';
import type { CompareResult } from '../../services/compare.js';
import { BANDS, BAND_LETTER, describeSeverity } from '../../severity/index.js';
import { severityCells } from './severity-cells.js';
import { databaseLine } from './database-line.js';
import type { SeverityCounts } from '../../findings/model.js';
import { bold, green, paintBand, red, type Style } from './style.js';

const COL = 40;

function deltaCells(delta: SeverityCounts, style: Style): string {
  const cells = BANDS.map((b) => {
    const d = delta[b];
    return d === 0 ? ' '.repeat(5) : paintBand(style, b, `${d > 0 ? '+' : ''}${d}`.padStart(5));
  });
  return ` ${cells.join('  ')}`.trimEnd();
}

export function renderCompare(c: CompareResult, style: Style): string {
  const row = (label: string, a: string, b: string) => `  ${label.padEnd(20)}│ ${a.padEnd(COL)}│ ${b}`;
  const cellsA = severityCells(c.image.counts, style, { alwaysU: true });
  const cellsB = severityCells(c.other.counts, style, { alwaysU: true });
  const pad = (cells: string, plain: string) => cells + ' '.repeat(Math.max(0, COL + 1 - plain.length));
  const plainA = severityCells(c.image.counts, { color: false }, { alwaysU: true });
  const pkgDelta = c.image.packages - c.other.packages;
  const lines = [
    `    ${green(style, '✓')} Compared with ${databaseLine(c.database)}`,
    '',
    '## Overview',
    '',
    `  ${' '.repeat(20)}│ ${'Analyzed Image'.padEnd(COL)}│ Comparison Image`,
    `  ${'─'.repeat(20)}┼${'─'.repeat(COL + 1)}┼${'─'.repeat(COL)}`,
    row('Target', c.image.name, c.other.name),
    `  ${'  vulnerabilities'.padEnd(20)}│${pad(cellsA, plainA)}│${cellsB}`,
    `  ${''.padEnd(20)}│${deltaCells(c.delta, style).padEnd(COL + 1)}│`,
    row('  packages', String(c.image.packages), String(c.other.packages)),
    row('', pkgDelta === 0 ? '' : `${pkgDelta > 0 ? '+' : ''}${pkgDelta}`, ''),
    '',
    `  Analyzed image matched against:   ${matchedLine({ entries: c.image.coverage }) || 'nothing'}`,
    `  Comparison image matched against: ${matchedLine({ entries: c.other.coverage }) || 'nothing'}`,
    '',
    '## Packages',
    '',
  ];
  const mark = { added: green(style, '+'), removed: red(style, '-'), changed: '↑', unchanged: ' ' };
  if (c.packages.length === 0) lines.push('  no package changes');
  for (const p of c.packages) {
    const versions =
      p.kind === 'changed'
        ? `${p.from.join(', ')} → ${p.to.join(', ')}`
        : (p.kind === 'removed' ? p.from : p.to).join(', ');
    lines.push(`  ${mark[p.kind]} ${p.type.padEnd(8)} ${p.name.padEnd(32)} ${versions}`);
  }
  lines.push('', '## Vulnerabilities', '');
  const block = (title: string, list: CompareResult['newVulnerabilities'], sign: string) => {
    lines.push(bold(style, `  ${title} (${list.length})`));
    for (const f of list) {
      lines.push(
        `    ${sign} ${paintBand(style, f.severity.band, BAND_LETTER[f.severity.band])} ${f.vulnId.padEnd(20)} ${f.package.sourceName ?? f.package.name} ${f.package.sourceVersion ?? f.package.version}  ${describeSeverity(f.severity)}`,
      );
    }
    lines.push('');
  };
  block(`New in ${c.image.name}`, c.newVulnerabilities, red(style, '+'));
  block(`Gone since ${c.other.name}`, c.fixedVulnerabilities, green(style, '-'));
  for (const w of c.warnings) lines.push(`  ! ${w}`);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

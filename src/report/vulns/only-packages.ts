/** `--format only-packages`: the package list with each package's counts, aligned columns. */
import { severityCells } from './severity-cells.js';
import type { VulnReport } from '../../findings/model.js';
import { summaryLines } from './packages-table.js';
import { bold, type Style } from './style.js';

export function renderOnlyPackages(r: VulnReport, style: Style): string {
  const rows = [...r.packages].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1,
  );
  const nameWidth = Math.max(4, ...rows.map((p) => p.name.length));
  const versionWidth = Math.max(7, ...rows.map((p) => p.version.length));
  const typeWidth = Math.max(4, ...rows.map((p) => p.type.length));
  const head = `  ${'Name'.padEnd(nameWidth)}  ${'Version'.padEnd(versionWidth)}  ${'Type'.padEnd(typeWidth)}  Vulnerabilities`;
  const lines = [...summaryLines(r, style), '', bold(style, head), `  ${'─'.repeat(head.length - 2)}`];
  for (const p of rows) {
    lines.push(
      `  ${p.name.padEnd(nameWidth)}  ${p.version.padEnd(versionWidth)}  ${p.type.padEnd(typeWidth)} ${severityCells(p.counts, style, { alwaysU: true })}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

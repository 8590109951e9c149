import type { Package, Sbom } from '../../sbom/model.js';
import { imageName, layerIndex, sortedPackages, sortedWarnings } from '../../sbom/formats/order.js';
import { terminalSafe } from '../../text/terminal-safe.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width; when given, long cells are cut with `…` so that lines fit. */
  width?: number;
}

const bold = (on: boolean, s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (on: boolean, s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s);

/** The package list as `airlock sbom` prints it: a header, one row per package, the layers. */
export function renderSbomTable(sbom: Sbom, options: TableOptions): string {
  const { color, width } = options;
  const packages = sortedPackages(sbom.packages);
  const lines: string[] = [];

  const counts = new Map<string, number>();
  for (const p of packages) counts.set(p.type, (counts.get(p.type) ?? 0) + 1);
  const byType = [...counts].map(([type, n]) => `${type} ${n}`).join(', ');
  const header: [string, string][] = [
    ['Image', imageName(sbom)],
    [
      'OS',
      sbom.distro
        ? (sbom.distro.prettyName ?? [sbom.distro.id, sbom.distro.versionId].filter(Boolean).join(' '))
        : 'unknown',
    ],
    ['Packages', packages.length > 0 ? `${packages.length} (${byType})` : '0'],
  ];
  for (const [label, value] of header)
    lines.push(
      `${bold(color, label.padEnd(9))}${cut(terminalSafe(value), width === undefined ? undefined : Math.max(1, width - 9))}`,
    );
  lines.push('');

  if (packages.length > 0) {
    const rows = packages.map((p) => [
      p.type,
      p.name,
      p.version,
      source(p),
      layerIndex(sbom, p.introducedByLayer)?.toString() ?? '-',
    ]);
    const table = alignColumns(['TYPE', 'NAME', 'VERSION', 'SOURCE', 'LAYER'], rows, width, [1, 2, 3]);
    lines.push(bold(color, table[0]), ...table.slice(1), '');
  }

  if (sbom.image.layers.length > 0) {
    const rows = sbom.image.layers.map((l) => [
      String(l.index),
      l.diffId.replace(/^sha256:/, '').slice(0, 12),
      oneLine(l.createdBy ?? ''),
    ]);
    const table = alignColumns(['LAYER', 'DIFF ID', 'CREATED BY'], rows, width, [2]);
    lines.push(bold(color, table[0]), ...table.slice(1).map((l) => dim(color, l)), '');
  }

  const warnings = sortedWarnings(sbom.warnings);
  if (warnings.length > 0) {
    lines.push(bold(color, `Warnings (${warnings.length})`));
    for (const w of warnings) lines.push(cut(`  ${w.path}: ${oneLine(w.message)}`, width));
    lines.push('');
  }
  return lines.join('\n');
}

/** The source package when it says something the name and version do not; for a language package an OS package owns, that owner. */
function source(p: Package): string {
  if (p.ownedBy) return `owned by ${p.ownedBy.type} ${p.ownedBy.name}`;
  if (!p.sourceName || (p.sourceName === p.name && !p.sourceVersion)) return '';
  return p.sourceVersion ? `${p.sourceName} ${p.sourceVersion}` : p.sourceName;
}

/**
 * Pads columns to a common width, two spaces apart, trailing spaces trimmed. With a
 * width, the widest of the `shrinkable` columns loses characters until lines fit.
 */
function alignColumns(head: string[], rows: string[][], width: number | undefined, shrinkable: number[]): string[] {
  // Names, versions and history text come from the image: never raw to a terminal.
  const all = [head, ...rows.map((r) => r.map(terminalSafe))];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  if (width !== undefined) {
    const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    while (total() > width) {
      const widest = shrinkable.reduce((best, c) => (widths[c] > widths[best] ? c : best), shrinkable[0]);
      if (widths[widest] <= Math.max(8, head[widest].length)) break;
      widths[widest]--;
    }
  }
  // Columns do not shrink below 8 characters; a terminal narrower than that cuts whole lines.
  return all.map((r) =>
    cut(
      r
        .map((cell, c) => cut(cell, widths[c]).padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
      width,
    ),
  );
}

function cut(s: string, width: number | undefined): string {
  if (width === undefined || s.length <= width) return s;
  return width <= 1 ? s.slice(0, width) : `${s.slice(0, width - 1)}…`;
}

function oneLine(s: string): string {
  return terminalSafe(s.replace(/\s+/g, ' ').trim());
}

/** The lines `cves` and `quickview` add to their text output for VEX-suppressed findings. */
import { severityCells } from '../vulns/severity-cells.js';
import { faint, paintBand, type Style } from '../vulns/style.js';
import type { QuickviewSuppressed, VexReport } from '../../vex/reports.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** For `packages`, `only-packages` and `markdown`: a count line, and with --show-suppressed the findings. */
export function suppressedSection(report: VexReport, style: Style, markdown = false): string {
  const vex = report.vex;
  if (!vex || vex.suppressed === 0) return '';
  const head = `${plural(vex.suppressed, 'finding', 'findings')} suppressed by VEX statements in ${vex.file}`;
  if (!report.suppressed)
    return markdown
      ? `\n_${head} (--show-suppressed lists them)_\n`
      : `\n    ${faint(style, `${head} (--show-suppressed lists them)`)}\n`;
  const lines = markdown
    ? ['', '## Suppressed by VEX', '', head, '']
    : ['', '## Suppressed by VEX', '', `    ${head}`, ''];
  for (const f of report.suppressed) {
    const what = `${f.vulnId}  ${f.package.name} ${f.package.version}`;
    if (markdown)
      lines.push(
        `- ${f.severity.band.toUpperCase()} ${what}: ${f.vex.marker}${f.vex.note ? ` (${f.vex.note.replace(/\n/g, ' ')})` : ''}`,
      );
    else {
      lines.push(`    ~ ${paintBand(style, f.severity.band, f.severity.band.toUpperCase())} ${what}  ${f.vex.marker}`);
      if (f.vex.note) lines.push(`        note: ${f.vex.note.replace(/\n/g, ' ')}`);
      if (f.vex.expires) lines.push(`        expires: ${f.vex.expires.slice(0, 10)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Quickview's extra line: the suppressed counts with --show-suppressed (aligned with the
 * box's `│`, as src/report/vulns/quickview.ts pads names), else how many there are.
 */
export function quickviewSuppressedLine(
  q: { image: { name: string }; baseImage?: { name: string }; suppressed?: QuickviewSuppressed },
  show: boolean,
  style: Style,
): string {
  const s = q.suppressed;
  if (!s || s.findings === 0) return '';
  const width = Math.max(18, q.image.name.length, q.baseImage?.name.length ?? 0) + 3;
  if (show) return `  Suppressed  ${'by VEX'.padEnd(width)}│${severityCells(s.counts, style)}\n`;
  return `${faint(style, `    ${plural(s.findings, 'finding', 'findings')} suppressed by VEX statements in ${s.file} (--show-suppressed counts them)`)}\n`;
}

/** `compare --format markdown`: the comparison for a pull request: counts, package changes, new and gone vulnerabilities. */
import type { CompareResult } from '../../services/compare.js';
import { BANDS, describeSeverity } from '../../severity/index.js';
import { databaseLine } from './database-line.js';
import { mdCell } from './quickview-markdown.js';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function renderCompareMarkdown(c: CompareResult): string {
  const counts = (side: CompareResult['image']) => BANDS.map((b) => String(side.counts[b])).join(' | ');
  const lines = [
    `## Comparison of \`${mdCell(c.image.name)}\` with \`${mdCell(c.other.name)}\``,
    '',
    mdCell(databaseLine(c.database)),
    '',
    '| | Image | Packages | C | H | M | L | U |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Analyzed image | \`${mdCell(c.image.name)}\` | ${c.image.packages} | ${counts(c.image)} |`,
    `| Comparison image | \`${mdCell(c.other.name)}\` | ${c.other.packages} | ${counts(c.other)} |`,
    `| Change | | ${signed(c.image.packages - c.other.packages)} | ${BANDS.map((b) => signed(c.delta[b])).join(' | ')} |`,
    '',
  ];
  const changed = c.packages.filter((p) => p.kind !== 'unchanged');
  lines.push(`### Packages (${changed.length} changed)`, '');
  if (changed.length > 0) {
    lines.push('| Change | Type | Package | Before | After |', '| --- | --- | --- | --- | --- |');
    for (const p of changed)
      lines.push(
        `| ${p.kind} | ${p.type} | ${mdCell(p.name)} | ${mdCell(p.from.join(', '))} | ${mdCell(p.to.join(', '))} |`,
      );
    lines.push('');
  }
  const table = (title: string, list: CompareResult['newVulnerabilities']) => {
    lines.push(`### ${title} (${list.length})`, '');
    if (list.length === 0) return;
    lines.push('| Severity | Vulnerability | Package | Version |', '| --- | --- | --- | --- |');
    for (const f of list)
      lines.push(
        `| ${mdCell(describeSeverity(f.severity))} | ${mdCell(f.vulnId)} | ${mdCell(f.package.sourceName ?? f.package.name)} | ${mdCell(f.package.sourceVersion ?? f.package.version)} |`,
      );
    lines.push('');
  };
  table(`New in \`${mdCell(c.image.name)}\``, c.newVulnerabilities);
  table(`Gone since \`${mdCell(c.other.name)}\``, c.fixedVulnerabilities);
  for (const w of c.warnings) lines.push(`> ${mdCell(w)}`, '');
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** `--format markdown`: the summary and one table row per finding, for pull requests and tickets. */
import { describeSeverity } from '../../severity/index.js';
import { severityCells } from './severity-cells.js';
import { matchedLine, osAssessed, reportCoverage } from './coverage-lines.js';
import { dataDatesLine, databaseLine } from './database-line.js';
import { epssText, fixText } from './finding-lines.js';
import type { VulnReport } from '../../findings/model.js';
import { PLAIN } from './style.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: VulnReport): string {
  const lines = [
    `## Vulnerabilities in \`${r.image.name}\``,
    '',
    `|  | |`,
    `| --- | --- |`,
    `| Packages | ${r.indexedPackages} |`,
    `| Vulnerabilities | \`${severityCells(r.counts, PLAIN, { alwaysU: true }).trim()}\` |`,
    `| Database | ${cell(databaseLine(r.database))} |`,
    `| Data dates | ${cell(dataDatesLine(r.database))} |`,
    `| Matched against | ${cell(matchedLine(reportCoverage(r)) || 'nothing (no package matched)')} |`,
    '',
  ];
  if (r.findings.length === 0) {
    lines.push(
      osAssessed(reportCoverage(r))
        ? 'No vulnerability found.'
        : '**No vulnerability found among the assessed packages, but some packages were NOT assessed** (see the warnings below).',
    );
    for (const w of r.warnings) lines.push('', `> ${cell(w)}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '| Severity | Vulnerability | Package | Installed | Fixed version | EPSS | KEV |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const f of r.findings) {
    lines.push(
      `| ${cell(describeSeverity(f.severity))} | ${f.vulnId} | ${cell(f.package.name)} | ${cell(f.package.version)} | ${cell(fixText(f))} | ${epssText(f) ?? ''} | ${f.kev ? 'yes' : ''} |`,
    );
  }
  for (const w of r.warnings) lines.push('', `> ${cell(w)}`);
  return `${lines.join('\n')}\n`;
}

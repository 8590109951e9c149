/**
 * `quickview --format markdown` and `recommendations --format markdown`: the quickview
 * box as a table, one row per image (yours, its base, the refreshed and updated base)
 * with a column per severity, for pull requests and tickets.
 */
import type { BaseCandidate } from '../../base/model.js';
import type { BaseRecommendations } from '../../services/base/recommendations.js';
import type { QuickviewResult } from '../../services/quickview.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { databaseLine } from './database-line.js';
import type { SeverityCounts } from '../../findings/model.js';

const BANDS = ['critical', 'high', 'medium', 'low', 'unspecified'] as const;
const HEAD = ['| | Image | C | H | M | L | U |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];

/** A table cell: no pipe or newline breaks the row, no control character survives. */
export const mdCell = (s: string): string => terminalSafe(s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function row(label: string, name: string, counts: SeverityCounts, delta?: SeverityCounts): string {
  const cells = BANDS.map((b) => (delta ? `${counts[b]} (${signed(delta[b])})` : String(counts[b])));
  return `| ${label} | \`${mdCell(name)}\` | ${cells.join(' | ')} |`;
}

const LABEL = { refreshed: 'Refreshed base image', updated: 'Updated base image' } as const;
const candidateRow = (c: BaseCandidate) => row(LABEL[c.kind], c.name, c.counts, c.delta);

export function renderQuickviewMarkdown(q: QuickviewResult): string {
  const lines = [
    `## Quickview of \`${mdCell(q.image.name)}\``,
    '',
    `${q.indexedPackages} packages indexed · ${mdCell(databaseLine(q.database))}`,
    '',
    ...HEAD,
  ];
  lines.push(row('Your image', q.image.name, q.image.counts));
  const base = q.base?.base;
  if (base?.counts) lines.push(row('Base image', base.name, base.counts));
  for (const c of [q.base?.refreshed, q.base?.updated]) if (c) lines.push(candidateRow(c));
  if (base && !base.counts)
    lines.push('', `Base image \`${mdCell(base.name)}\`: ${mdCell(base.note ?? 'not in the base catalog, no counts')}`);
  if (q.base?.reason) lines.push('', `No base image identified: ${mdCell(q.base.reason)}`);
  if (q.suppressed)
    lines.push(
      '',
      `${q.suppressed.findings} findings suppressed by VEX statements in \`${mdCell(q.suppressed.file)}\``,
    );
  for (const w of q.warnings) lines.push('', `> ${mdCell(w)}`);
  return `${lines.join('\n')}\n`;
}

export function renderRecommendationsMarkdown(r: BaseRecommendations): string {
  const lines = [`## Base image recommendations for \`${mdCell(r.image.name)}\``, ''];
  if (r.base?.counts) {
    lines.push(...HEAD, row('Base image', r.base.name, r.base.counts), ...r.candidates.map(candidateRow));
    lines.push('', 'Counts in parentheses: the difference from the current base image.');
  } else if (r.base) lines.push(`Base image \`${mdCell(r.base.name)}\``);
  if (r.reason) lines.push('', mdCell(r.reason));
  for (const note of r.notes) lines.push('', `> note: ${mdCell(note)}`);
  return `${lines.join('\n')}\n`;
}

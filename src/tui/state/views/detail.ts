/**
 * The detail pane of one finding row: severity by every source with its CVSS vector,
 * fix state, triage, KEV and EPSS, description, where each installed package was found
 * and the layer (and its command) that brought it in, and the references.
 */
import { formatBytes } from '../../../cli/progress.js';
import { epssText, fixText, kevText, primaryLink } from '../../../report/vulns/finding-lines.js';
import { describeSeverity, raterName } from '../../../severity/index.js';
import type { FindingRow, ReviewData } from '../data.js';
import { blank, field, line, seg, text, wrap, type Line } from '../lines.js';
import type { RowDecision } from '../query.js';
import { shortDigest } from './common.js';

function severityLines(data: ReviewData, row: FindingRow, width: number): Line[] {
  const s = row.lead.severity;
  const lines: Line[] = [
    text('Severity by source', 'heading'),
    line(
      seg('  chosen    ', 'dim'),
      seg(describeSeverity(s), row.band),
      seg(s.source ? ` (decided by ${raterName(s.source)}${s.rating ? `: ${s.rating}` : ''})` : '', 'dim'),
    ),
  ];
  const records = [row.vulnId, ...row.aliases].flatMap((id) =>
    (data.input.severities.get(id) ?? []).map((r) => ({ id, ...r })),
  );
  if (records.length === 0) lines.push(text('  no source in the database rates it', 'dim'));
  for (const r of records) {
    const what = [
      r.rating,
      r.score !== undefined ? `CVSS ${r.cvssVersion ?? ''} ${r.score.toFixed(1)}`.replace('  ', ' ') : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    const via = r.id === row.vulnId ? '' : ` (${r.id})`;
    lines.push(line(seg(`  ${raterName(r.source).padEnd(10)}`, 'dim'), seg(`${what || 'no rating'}${via}`)));
    if (r.vector) for (const v of wrap(r.vector, width - 14)) lines.push(line(seg(' '.repeat(14)), seg(v, 'dim')));
  }
  return lines;
}

function triageText(d: RowDecision | undefined): string {
  const decision = d?.decision;
  if (!decision) return 'no VEX statement (m records one)';
  const parts = [decision.status + (decision.justification ? `: ${decision.justification}` : '')];
  if (decision.impactStatement) parts.push(decision.impactStatement);
  if (decision.actionStatement) parts.push(`action: ${decision.actionStatement}`);
  if (decision.note) parts.push(`note: ${decision.note}`);
  if (decision.timestamp) parts.push(`on ${decision.timestamp.slice(0, 10)}`);
  if (decision.expires) parts.push(`expires ${decision.expires.slice(0, 10)}`);
  if (d?.suppressed) parts.push('suppressed in reports');
  return parts.join(' · ');
}

function originLines(data: ReviewData, row: FindingRow, width: number): Line[] {
  const lines: Line[] = [text('Where it comes from', 'heading')];
  const layers = data.image.layers;
  for (const f of row.findings) {
    lines.push(text(`  ${f.package.name} ${f.package.version}`, 'bold'));
    lines.push(...field('    purl', f.package.purl, width, 16));
    for (const loc of f.package.locations) lines.push(...field('    path', loc.path, width, 16));
    const index = layers.findIndex((l) => l.diffId === f.package.introducedByLayer);
    if (index < 0) {
      lines.push(...field('    layer', 'not known (the SBOM does not say which layer added it)', width, 16));
      continue;
    }
    const layer = layers[index];
    const kind = index === 0 ? 'base' : 'own';
    lines.push(
      ...field(
        '    layer',
        `${index + 1} of ${layers.length} (${kind}) ${shortDigest(layer.diffId)} · ${formatBytes(layer.size)} compressed`,
        width,
        16,
      ),
    );
    lines.push(...field('    created by', layer.createdBy ?? 'no history entry', width, 16));
  }
  return lines;
}

export function detailLines(
  data: ReviewData,
  row: FindingRow,
  decision: RowDecision | undefined,
  width: number,
): Line[] {
  const f = row.lead;
  const link = primaryLink(f);
  const fix = f.status === 'fixed' ? `fixed in ${fixText(f)}${f.fixedBy ? ` by ${f.fixedBy}` : ''}` : fixText(f);
  const lines: Line[] = [
    line(seg(row.vulnId, 'bold'), seg('  '), seg(describeSeverity(f.severity), row.band)),
    line(
      seg(`${row.group.name} ${row.group.version}`, 'heading'),
      seg(
        ` · ${row.group.type}${row.group.installedAs.length > 0 ? ` · installed as ${row.group.installedAs.join(', ')}` : ''}`,
        'dim',
      ),
    ),
    ...(link ? [text(link, 'accent')] : []),
    blank(),
    ...field(
      'Status',
      f.status === 'fixed' ? fix : `${fix} (${f.status})`,
      width,
      12,
      f.status === 'fixed' ? 'good' : undefined,
    ),
    ...(f.note ? field('Source note', f.note, width) : []),
    ...field('Triage', triageText(decision), width, 12, 'accent'),
    ...field('KEV', kevText(f) ?? 'not in the CISA KEV catalog', width, 12, f.kev ? 'bad' : undefined),
    ...field('EPSS', epssText(f) ?? 'no EPSS score', width),
    ...(row.aliases.length > 0 ? field('Aliases', row.aliases.join(', '), width) : []),
    ...field('Matched', `${f.namespace} by ${f.source}`, width),
    blank(),
    ...originLines(data, row, width),
    blank(),
    ...severityLines(data, row, width),
    blank(),
    text('Description', 'heading'),
    ...wrap(f.description ?? 'no description in the database', width - 2).map((l) => text(`  ${l}`)),
    blank(),
    text(`References (${f.references.length})`, 'heading'),
    ...f.references.flatMap((r) => wrap(r, width - 2).map((l) => text(`  ${l}`, 'dim'))),
  ];
  return lines;
}

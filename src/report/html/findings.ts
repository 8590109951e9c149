/**
 * The findings of one image, grouped by package: a `<details>` per package, inside it a
 * `<details>` per finding whose body is its detail (every source's rating, the CVSS
 * vector, the fix, the layer and its `created_by`, references). Readable with no script;
 * the data-* attributes are what the filters and sorting read.
 */
import type { SeverityRecord } from '../../advisories/model.js';
import { layerOf } from '../../base/attribute.js';
import type { Finding } from '../../match/types.js';
import type { Layer } from '../../sbom/model.js';
import { bandRank } from '../../severity/index.js';
import { countGroups } from '../../findings/counts.js';
import { countCells } from './charts.js';
import { esc, link } from './escape.js';

const fixable = (f: Finding) => f.status === 'fixed' && !!f.fixedVersion;
/** 4 for critical … 0 for unspecified: larger is more severe (bandRank counts the other way). */
const weight = (f: Finding) => 4 - bandRank(f.severity.band);

function ratings(f: Finding, severities: Record<string, SeverityRecord[]>): string {
  const rows = [f.vulnId, ...f.aliases].flatMap((id) => (severities[id] ?? []).map((r) => ({ id, r })));
  if (rows.length === 0) return '<dd>no source rated it</dd>';
  const cells = rows.map(
    ({ id, r }) =>
      `<tr><td>${esc(r.source)}</td><td>${esc(id)}</td><td>${esc(r.rating ?? '')}</td><td>${r.score ?? ''}</td><td class="mono">${esc(r.vector ?? '')}</td></tr>`,
  );
  return `<dd><table><tr><th>source</th><th>id</th><th>rating</th><th>score</th><th>vector</th></tr>${cells.join('')}</table></dd>`;
}

function detail(f: Finding, layers: Layer[], severities: Record<string, SeverityRecord[]>): string {
  const diffId = layerOf(f);
  const layer = layers.find((l) => l.diffId === diffId);
  const parts = [
    f.description ? `<dt>Description</dt><dd class="desc">${esc(f.description)}</dd>` : '',
    `<dt>Severity</dt><dd>${esc(f.severity.band)}${f.severity.source ? ` from ${esc(f.severity.source)}` : ''}${f.severity.rating ? ` (${esc(f.severity.rating)})` : ''}${f.severity.cvss ? `; CVSS ${f.severity.cvss.score ?? ''} <code>${esc(f.severity.cvss.vector ?? '')}</code>` : ''}</dd>`,
    `<dt>Sources and severities</dt>${ratings(f, severities)}`,
    `<dt>Fix</dt><dd>${fixable(f) ? `fixed in ${esc(f.fixedVersion)}${f.fixedBy ? ` (${esc(f.fixedBy)})` : ''}` : esc(f.status.replace(/_/g, ' '))}${f.note ? ` — ${esc(f.note)}` : ''}</dd>`,
    f.kev
      ? `<dt>CISA KEV</dt><dd>added ${esc(f.kev.dateAdded)}${f.kev.dueDate ? `, due ${esc(f.kev.dueDate)}` : ''}: ${esc(f.kev.name)}</dd>`
      : '',
    f.epss
      ? `<dt>EPSS</dt><dd>${(f.epss.epss * 100).toFixed(2)}% (percentile ${(f.epss.percentile * 100).toFixed(1)})${f.epss.date ? `, ${esc(f.epss.date)}` : ''}</dd>`
      : '',
    `<dt>Layer</dt><dd>${layer ? `#${layer.index + 1} <code>${esc(layer.diffId.slice(0, 19))}</code>${layer.createdBy ? `<br><code>${esc(layer.createdBy)}</code>` : ''}` : 'unknown'}</dd>`,
    `<dt>Found in</dt><dd>${f.package.locations.map((l) => `<code>${esc(l.path)}</code>`).join('<br>') || 'unknown'}</dd>`,
    `<dt>Looked up</dt><dd>${esc(f.namespace)} (${esc(f.source)})${f.package.sourceName ? `, source package ${esc(f.package.sourceName)} ${esc(f.package.sourceVersion ?? '')}` : ''}</dd>`,
    f.references.length ? `<dt>References</dt><dd>${f.references.slice(0, 12).map(link).join('<br>')}</dd>` : '',
  ];
  return `<dl class="detail">${parts.join('')}</dl>`;
}

function findingHtml(f: Finding, layers: Layer[], severities: Record<string, SeverityRecord[]>): string {
  const text = [f.vulnId, ...f.aliases, f.description ?? ''].join(' ').toLowerCase();
  const attrs = `data-sev="${f.severity.band}" data-kev="${f.kev ? 1 : 0}" data-fixable="${fixable(f) ? 1 : 0}" data-epss="${f.epss?.epss ?? -1}" data-text="${esc(text.slice(0, 600))}"`;
  const badges = [
    f.kev ? '<span class="badge kev">KEV</span>' : '',
    fixable(f)
      ? `<span class="badge fix">fix ${esc(f.fixedVersion)}</span>`
      : `<span class="badge nofix">${esc(f.status.replace(/_/g, ' '))}</span>`,
  ].join('');
  const cvss = f.severity.cvss?.score !== undefined ? `CVSS ${f.severity.cvss.score}` : '';
  const epss = f.epss ? `EPSS ${(f.epss.epss * 100).toFixed(2)}%` : '';
  return `<details class="finding" ${attrs}><summary><span class="sev ${f.severity.band}">${f.severity.band.toUpperCase()}</span><span class="id">${esc(f.vulnId)}</span><span>${cvss}</span><span>${epss}</span>${badges}</summary>${detail(f, layers, severities)}</details>`;
}

export function packageGroups(
  findings: Finding[],
  layers: Layer[],
  severities: Record<string, SeverityRecord[]>,
): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.package.purl, [...(groups.get(f.package.purl) ?? []), f]);
  const ordered = [...groups.values()].map((list) =>
    list.sort(
      (a, b) =>
        weight(b) - weight(a) ||
        (b.severity.cvss?.score ?? -1) - (a.severity.cvss?.score ?? -1) ||
        a.vulnId.localeCompare(b.vulnId),
    ),
  );
  const rank = (l: Finding[]) => Math.max(...l.map(weight));
  ordered.sort((a, b) => rank(b) - rank(a) || a[0].package.name.localeCompare(b[0].package.name));
  return ordered
    .map((list) => {
      const p = list[0].package;
      const attrs = `data-name="${esc(p.name.toLowerCase())}" data-rank="${rank(list)}" data-cvss="${Math.max(...list.map((f) => f.severity.cvss?.score ?? -1))}" data-epss="${Math.max(...list.map((f) => f.epss?.epss ?? -1))}" data-kev="${list.filter((f) => f.kev).length}" data-fixable="${list.filter(fixable).length}" data-purl="${esc(p.purl)}"`;
      const head = `<summary><span class="name">${esc(p.name)} <span class="mono">${esc(p.version)}</span></span><span>${esc(p.type)}</span>${countCells(countGroups(list))}<span class="note"><span class="visible">${list.length}</span> shown</span></summary>`;
      return `<details class="pkg" ${attrs}>${head}${list.map((f) => findingHtml(f, layers, severities)).join('')}</details>`;
    })
    .join('\n');
}

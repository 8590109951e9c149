/**
 * The self-contained HTML report: one file, no external script, style, font or image,
 * readable from a USB stick on a machine without network and without JavaScript. A CSP
 * meta tag allows no source at all but the inline style and the one inline script, by its
 * hash. Every string from an image or a feed is escaped (escape.ts).
 */
import type { Finding } from '../../match/types.js';
import { layerOf } from '../../base/attribute.js';
import { BANDS } from '../../severity/index.js';
import { policyTally } from '../../policy/evaluate.js';
import type { PolicyResult } from '../../policy/model.js';
import { countGroups, emptyCounts } from '../../findings/counts.js';
import type { DatabaseInfo, SeverityCounts } from '../../findings/model.js';
import { countCells, severityBar, totalOf } from './charts.js';
import { esc } from './escape.js';
import { packageGroups } from './findings.js';
import type { HtmlImage, HtmlReportData } from '../../services/html-report-model.js';
import { REPORT_SCRIPT, scriptHash } from './script.js';
import { REPORT_CSS } from './style.js';

const day = (iso?: string) => (iso ? esc(iso.slice(0, 10)) : '–');

function databaseSection(db: DatabaseInfo): string {
  const rows = db.sources
    .map((s) => `<tr><td>${esc(s.name)}</td><td>${s.records}</td><td>${day(s.dataDate)}</td></tr>`)
    .join('');
  return `<p class="meta"><b>Advisory database</b> ${db.sequence !== undefined ? `bundle sequence ${db.sequence}` : 'local build (no bundle sequence)'}, built ${day(db.created)}, newest data ${day(db.dataDate)}${db.ageDays !== undefined ? `, <span data-age="${db.ageDays}">${db.ageDays} days old</span>` : ''}${db.expires ? `, expires ${day(db.expires)}` : ''}</p>
<details><summary>Data dates of ${db.sources.length} sources</summary><table class="sources"><tr><th>source</th><th>records</th><th>data date</th></tr>${rows}</table></details>`;
}

function quickviewSection(img: HtmlImage): string {
  const q = img.quickview;
  const rows: { kind: string; name: string; counts?: SeverityCounts; note?: string }[] = [
    { kind: 'Target', name: q.image.name, counts: q.image.counts },
  ];
  if (q.base?.base)
    rows.push({ kind: 'Base image', name: q.base.base.name, counts: q.base.base.counts, note: q.base.base.note });
  if (q.base?.refreshed)
    rows.push({
      kind: 'Refreshed base',
      name: q.base.refreshed.name,
      counts: q.base.refreshed.counts,
      note: `built ${q.base.refreshed.created?.slice(0, 10) ?? '?'}`,
    });
  if (q.base?.updated)
    rows.push({
      kind: 'Updated base',
      name: q.base.updated.name,
      counts: q.base.updated.counts,
      note: q.base.updated.os,
    });
  const max = Math.max(1, ...rows.map((r) => (r.counts ? totalOf(r.counts) : 0)));
  const body = rows
    .map(
      (r) =>
        `<tr class="qv-row" data-kind="${esc(r.kind)}"><th>${esc(r.kind)}</th><td>${esc(r.name)}${r.note ? ` <span class="note">${esc(r.note)}</span>` : ''}</td><td>${r.counts ? countCells(r.counts) : '–'}</td><td>${r.counts ? severityBar(r.counts, max) : ''}</td></tr>`,
    )
    .join('');
  const why = q.base?.reason ? `<p class="note">No base image: ${esc(q.base.reason)}</p>` : '';
  return `<h3>Overview</h3><table class="quickview">${body}</table>${why}`;
}

function policySection(results: PolicyResult[]): string {
  const t = policyTally(results);
  const rows = results
    .map((r) => {
      const items = r.items.length
        ? `<details><summary>${r.items.length} ${r.status === 'pass' ? (r.items.length === 1 ? 'fact' : 'facts') : r.items.length === 1 ? 'item' : 'items'}</summary><ul>${r.items
            .slice(0, 200)
            .map(
              (i) =>
                `<li>${esc(i.text)}${i.waived ? ` <span class="note">waived: ${esc(i.waived.reason)}${i.waived.expires ? ` until ${day(i.waived.expires)}` : ''}</span>` : ''}</li>`,
            )
            .join('')}${r.items.length > 200 ? `<li>… and ${r.items.length - 200} more</li>` : ''}</ul></details>`
        : '';
      return `<tr class="policy" data-policy="${r.id}" data-status="${r.status}"><td class="status ${r.status}">${r.status === 'pass' ? '✓ passed' : r.status === 'fail' ? '✗ failed' : '? no data'}</td><td>${esc(r.name)}</td><td>${esc(r.summary)}${items}</td></tr>`;
    })
    .join('');
  return `<h3>Policies <span class="note">${t.passed} of ${t.total} passed, ${t.failed} failed, ${t.unknown} without data</span></h3><table class="policies">${rows}</table>`;
}

function layerSection(img: HtmlImage): string {
  const byLayer = new Map<string, Finding[]>();
  for (const f of img.report.findings) {
    const id = layerOf(f) ?? '';
    byLayer.set(id, [...(byLayer.get(id) ?? []), f]);
  }
  const counts = img.layers.map((l) => countGroups(byLayer.get(l.diffId) ?? []));
  const max = Math.max(1, ...counts.map(totalOf));
  const rows = img.layers
    .map(
      (l, i) =>
        `<tr class="layer" data-layer="${i + 1}" data-total="${totalOf(counts[i])}"><td>#${i + 1}</td><td>${countCells(counts[i])}</td><td>${severityBar(counts[i], max, 200)}</td><td class="cmd"><code>${esc(l.createdBy ?? '')}</code></td></tr>`,
    )
    .join('');
  return `<h3>Layers</h3><table class="layers"><tr><th>layer</th><th>vulnerabilities introduced</th><th></th><th>created by</th></tr>${rows}</table>`;
}

function filterForm(sectionId: string, total: number): string {
  const sev = BANDS.map((b) => `<label><input type="checkbox" name="sev" value="${b}" checked> ${b}</label>`).join('');
  return `<form class="filters" data-for="${sectionId}" hidden>${sev}
<label><input type="checkbox" name="kev"> CISA KEV only</label><label><input type="checkbox" name="fixable"> fixable only</label>
<label>EPSS ≥ <input type="number" name="epss" min="0" max="1" step="0.01" placeholder="0–1"></label>
<label>search <input type="search" name="text" placeholder="CVE, package…"></label>
<label>sort <select name="sort"><option value="severity">severity</option><option value="epss">EPSS</option><option value="kev">KEV</option><option value="fixable">fixable</option><option value="name">name</option></select></label>
<span><b class="shown">${total}</b> of ${total} findings</span><button type="reset">reset</button></form>`;
}

function suppressedSection(img: HtmlImage): string {
  const list = img.report.suppressed ?? [];
  if (!img.report.vex) return '';
  const rows = list
    .map(
      (f) =>
        `<tr class="suppressed"><td><span class="sev ${f.severity.band}">${f.severity.band.toUpperCase()}</span></td><td class="mono">${esc(f.vulnId)}</td><td>${esc(f.package.name)} ${esc(f.package.version)}</td><td>${esc(f.vex.status)}${f.vex.justification ? ` (${esc(f.vex.justification)})` : ''}${f.vex.note ? `: ${esc(f.vex.note)}` : ''}${f.vex.expires ? ` until ${day(f.vex.expires)}` : ''}</td></tr>`,
    )
    .join('');
  return `<h3>Suppressed by VEX <span class="note">${list.length} from ${esc(img.report.vex.file)}</span></h3>${list.length ? `<table>${rows}</table>` : '<p class="note">none</p>'}`;
}

function imageSection(img: HtmlImage, index: number): string {
  const id = `image-${index + 1}`;
  const r = img.report;
  const facts = [
    r.image.manifestDigest ? `manifest <code>${esc(r.image.manifestDigest)}</code>` : '',
    r.image.platform ? esc(r.image.platform) : '',
    r.distro ? esc(r.distro.prettyName ?? `${r.distro.id} ${r.distro.versionId ?? ''}`) : '',
    `${r.indexedPackages} packages`,
    `${r.image.layers} layers`,
    img.scannedAt ? `scanned ${day(img.scannedAt)}` : '',
  ].filter(Boolean);
  const warnings = r.warnings.length
    ? `<details><summary>${r.warnings.length} warnings</summary><ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></details>`
    : '';
  return `<section class="image" id="${id}" data-findings="${r.findings.length}">
<h2>${esc(img.label)}</h2><p class="meta">${facts.join(' · ')}</p>${warnings}
${quickviewSection(img)}
${policySection(img.policy.results)}
${layerSection(img)}
<h3>Vulnerabilities <span class="note">${r.findings.length} findings in ${new Set(r.findings.map((f) => f.package.purl)).size} packages</span></h3>
${filterForm(id, r.findings.length)}<noscript><p class="note">Filters and sorting need JavaScript; every finding is listed below.</p></noscript>
<div class="packages">${packageGroups(r.findings, img.layers, img.severities)}</div>
${suppressedSection(img)}
</section>`;
}

function overview(images: HtmlImage[]): string {
  if (images.length < 2) return '';
  const all = images.map((i) => countGroups(i.report.findings));
  const max = Math.max(1, ...all.map(totalOf));
  const rows = images.map((img, i) => {
    const t = policyTally(img.policy.results);
    return `<tr><td><a href="#image-${i + 1}">${esc(img.label)}</a></td><td>${countCells(all[i])}</td><td>${severityBar(all[i], max)}</td><td class="status ${t.failed ? 'fail' : 'pass'}">${t.failed ? `${t.failed} of ${t.total} policies failed` : `${t.passed} of ${t.total} passed`}</td></tr>`;
  });
  return `<h2>Stored images</h2><table class="overview"><tr><th>image</th><th>vulnerabilities</th><th></th><th>policies</th></tr>${rows.join('')}</table>`;
}

export function renderHtmlReport(data: HtmlReportData): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptHash()}; img-src 'none'; form-action 'none'; base-uri 'none'`;
  const total = data.images.reduce((c, i) => {
    const n = countGroups(i.report.findings);
    for (const b of BANDS) c[b] += n[b];
    return c;
  }, emptyCounts());
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.title)}</title>
<style>${REPORT_CSS}</style></head>
<body data-images="${data.images.length}">
<header><h1>${esc(data.title)}</h1>
<p class="meta">Generated ${esc(data.generatedAt.replace('T', ' ').slice(0, 16))} UTC by ${esc(data.tool.name)} ${esc(data.tool.version)} · ${data.images.length} ${data.images.length === 1 ? 'image' : 'images'} · ${countCells(total)}</p>
${databaseSection(data.database)}</header>
${overview(data.images)}
${data.images.map(imageSection).join('\n')}
${data.images.length === 0 ? '<p>No stored images (airlock scan IMAGE stores one).</p>' : ''}
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}

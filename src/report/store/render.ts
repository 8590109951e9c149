/**
 * Text for the store's commands: the `images` table, the lines `db import` prints for
 * images whose findings changed, and `images changes`. Pure functions of plain data.
 *
 * A change line is `  <image>  <per-band delta of current counts>  <n new, n resolved,
 * n changed>`, e.g. `  app:1.0  +2C +1H -3M  2 new, 3 resolved, 1 changed`; a band whose
 * count did not move is left out, and `±0` says the counts stayed while findings moved.
 */
import { severityCells } from '../vulns/severity-cells.js';
import { faint, green, red, type Style } from '../vulns/style.js';
import { BANDS, BAND_LETTER } from '../../severity/index.js';
import type { SeverityCounts } from '../../findings/model.js';
import type { ImageChange } from '../../store/changes.js';
import type { FindingChange, FindingState } from '../../store/findings.js';
import { imageLabel, shortDigest, type StoredImage } from '../../store/images.js';
import type { Reevaluation } from '../../store/reevaluate.js';
import type { CoverageEntry } from '../../match/coverage.js';
import type { EndOfLife } from '../../match/end-of-life.js';

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - visible(c).length)))
      .join('  ')
      .trimEnd(),
  );
}

// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\x1b\[[\d;]*m/g, '');

/** `NOT ASSESSED: 14 apk (alpine:3.19 no data)` and `EOL 2025-11-01`: why counts may not be the whole story. */
function coverageNotes(i: StoredImage & { coverage?: CoverageEntry[]; endOfLife?: EndOfLife }): string[] {
  const missing = (i.coverage ?? []).filter((e) => e.status !== 'assessed' && e.os);
  const notes = missing.map(
    (e) =>
      `NOT ASSESSED: ${e.packages} ${e.packageType} (${e.namespace ? `${e.namespace} no data` : 'distro unknown'})`,
  );
  if (i.endOfLife?.past) notes.push(`EOL ${i.endOfLife.date ?? ''}`.trim());
  return notes;
}

export function renderImages(
  images: (StoredImage & { coverage?: CoverageEntry[]; endOfLife?: EndOfLife })[],
  style: Style,
): string {
  if (images.length === 0) return 'no stored images (airlock scan IMAGE stores one)\n';
  const rows = [
    ['NAME', 'DIGEST', 'SCANNED', 'PACKAGES', '     C      H      M      L      U', 'SEQ', 'POLICY', 'NOTES'],
  ];
  for (const i of images) {
    const name = i.names.length > 1 ? `${i.names[0]} (+${i.names.length - 1})` : (i.names[0] ?? '<none>');
    const notes = [
      i.origin === 'layers' ? '' : `from ${i.origin}`,
      i.stale.length > 0 ? `STALE: ${i.stale.join(', ')}` : '',
      ...coverageNotes(i),
    ]
      .filter(Boolean)
      .join('; ');
    rows.push([
      name,
      shortDigest(i.key),
      minute(i.scannedAt),
      String(i.packages),
      severityCells(i.counts, style, { alwaysU: true }),
      i.evaluatedSequence === undefined ? '-' : String(i.evaluatedSequence),
      policyCell(i, style),
      notes,
    ]);
  }
  return `${table(rows).join('\n')}\n`;
}

/** `5/7 passed` in green, `2 failed` in red (of 7), `-` when never evaluated. */
function policyCell(i: StoredImage, style: Style): string {
  const p = i.policy;
  if (!p) return '-';
  const total = p.results.length;
  return p.failed > 0 ? red(style, `${p.failed}/${total} failed`) : green(style, `${p.passed}/${total} passed`);
}

export function deltaText(delta: SeverityCounts): string {
  const parts = BANDS.filter((b) => delta[b] !== 0).map(
    (b) => `${delta[b] > 0 ? '+' : ''}${delta[b]}${BAND_LETTER[b]}`,
  );
  return parts.length > 0 ? parts.join(' ') : '±0';
}

export function summaryText(summary: ImageChange['summary']): string {
  const parts = [
    summary.new ? `${summary.new} new` : '',
    summary.resolved ? `${summary.resolved} resolved` : '',
    summary.changed ? `${summary.changed} changed` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

const against = (sequence: number | undefined) =>
  sequence === undefined ? 'a database without bundle sequence' : `advisory sequence ${sequence}`;

/** What `db import` / `db rollback` print after re-evaluating the stored images; at most `shown` image lines. */
export function renderReevaluation(result: Reevaluation, shown = 20): string {
  const failed = result.failed.map((f) => `  not re-evaluated: ${f.label} (${f.reason})\n`).join('');
  const n = result.changes.length;
  if (n === 0)
    return `no stored image changed (${result.images} re-evaluated against ${against(result.sequence)})\n${failed}${result.policyWarning ? `  ${result.policyWarning}\n` : ''}`;
  const head = `${n} of ${result.images} stored ${result.images === 1 ? 'image' : 'images'} changed (re-evaluated against ${against(result.sequence)}):`;
  const rows = result.changes
    .slice(0, shown)
    .map((c) => [`  ${c.image.label}`, deltaText(c.delta), summaryText(c.summary)]);
  const more = n > shown ? [`  … and ${n - shown} more (airlock images changes lists them all)`] : [];
  const policy = result.policyWarning ? `  ${result.policyWarning}\n` : '';
  return `${[head, ...table(rows), ...more].join('\n')}\n${failed}${policy}`;
}

function describeState(s: FindingState | undefined): string {
  if (!s) return '';
  return `${s.band}, ${s.status}${s.fixedVersion ? ` ${s.fixedVersion}` : ''}`;
}

function describeChange(c: FindingChange): string {
  if (c.kind === 'new') return describeState(c.after);
  if (c.kind === 'resolved') return `was ${describeState(c.before)}`;
  const b = c.before!;
  const a = c.after!;
  const parts: string[] = [];
  if (b.band !== a.band) parts.push(`severity ${b.band} → ${a.band}`);
  if (b.status !== a.status) parts.push(`status ${b.status} → ${a.status}`);
  if ((b.fixedVersion ?? '') !== (a.fixedVersion ?? ''))
    parts.push(`fix ${b.fixedVersion ?? 'none'} → ${a.fixedVersion ?? 'none'}`);
  return parts.join('; ');
}

/** `images changes`: each change set, newest first, with the findings it names. */
export function renderChanges(changes: ImageChange[], style: Style): string {
  if (changes.length === 0)
    return 'no changes recorded (they are recorded when db import or db rollback re-evaluates stored images)\n';
  const out: string[] = [];
  for (const c of changes) {
    const seq = `sequence ${c.fromSequence ?? '-'} → ${c.toSequence ?? '-'}`;
    out.push(
      `${minute(c.at)}  ${c.trigger}  ${c.image.label}  ${seq}  ${deltaText(c.delta)}  (${summaryText(c.summary)})`,
    );
    const rows = c.findings.map((f) => [
      `  ${f.kind}`,
      f.vulnId,
      `${f.packageName} ${f.packageVersion}`,
      describeChange(f),
    ]);
    out.push(...table(rows));
    out.push(faint(style, `  now ${BANDS.map((b) => `${c.countsAfter[b]}${BAND_LETTER[b]}`).join(' ')}`));
  }
  return `${out.join('\n')}\n`;
}

/** `airlock scan`: where the snapshot went. */
export function renderStored(stored: StoredImage, replaced: boolean): string {
  const names = stored.names.length > 0 ? stored.names.join(', ') : 'no name (use --name)';
  return `${replaced ? 'Replaced the stored snapshot of' : 'Stored'} ${shortDigest(stored.key)}: ${names}`;
}

/** `airlock images rm`: the image removed, by its label, digest and other names. */
export function renderRemovedImage(removed: StoredImage): string {
  const others = removed.names.length > 1 ? `, also named ${removed.names.slice(1).join(', ')}` : '';
  return `Removed ${imageLabel(removed)} (${shortDigest(removed.key)}${others})`;
}

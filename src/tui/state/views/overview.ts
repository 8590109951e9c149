/**
 * The overview: quickview's box (the same text `airlock quickview` prints, counts after
 * VEX), then the image, database and triage facts.
 */
import { formatBytes } from '../../../cli/progress.js';
import { dataDatesLine, databaseLine } from '../../../report/vulns/database-line.js';
import { matchedLine } from '../../../report/vulns/coverage-lines.js';
import { renderQuickview } from '../../../report/vulns/quickview.js';
import { PLAIN } from '../../../report/vulns/style.js';
import { BAND_LETTER, BANDS } from '../../../severity/index.js';
import type { ReviewData } from '../data.js';
import { blank, field, line, seg, text, type Line, type Segment } from '../lines.js';
import { rowDecisions } from '../query.js';
import type { ReviewState } from '../state.js';
import { countSegments, plural, rowCounts } from './common.js';

/** Colors quickview's plain count cells (`    0C     1H …`) without changing a character. */
function paintCells(cells: string): Segment[] {
  return cells
    .split(/(\d+[CHMLU])/)
    .filter(Boolean)
    .map((part) => {
      const band = BANDS.find((b) => part.endsWith(BAND_LETTER[b]) && /^\d+[CHMLU]$/.test(part));
      return band ? seg(part, part.startsWith('0') && part.length === 2 ? 'dim' : band) : seg(part);
    });
}

/**
 * Quickview's box as `airlock quickview` prints it; when a long image name makes it wider
 * than the terminal, the same figures without the padding.
 */
function quickviewBox(data: ReviewData, counts: ReturnType<typeof rowCounts>, width: number): Line[] {
  const { result } = data.input;
  const detected = data.input.base?.base;
  const baseImage = detected?.counts ? { baseImage: { name: detected.name, counts: detected.counts } } : {};
  const box = renderQuickview(
    {
      image: { name: data.imageName, counts },
      ...baseImage,
      indexedPackages: result.sbom.packages.length,
      database: result.database,
      warnings: [],
    },
    PLAIN,
  );
  const [indexed, yours, base] = box.split('\n');
  const check = line(seg(indexed.slice(0, 4)), seg('✓', 'good'), seg(indexed.slice(5)));
  if (yours.length <= width) {
    const bar = yours.indexOf('│');
    return [check, line(seg(yours.slice(0, bar + 1)), ...paintCells(yours.slice(bar + 1))), text(base, 'dim')];
  }
  return [
    check,
    line(seg(`  Your image  ${data.imageName} │ `), ...countSegments(counts)),
    text(base.replace(/ +│/, ' │'), 'dim'),
  ];
}

export function overviewLines(data: ReviewData, state: ReviewState): Line[] {
  const width = state.size.columns;
  const { result, vexFile } = data.input;
  const { sbom, database } = result;
  const decisions = rowDecisions(data, state.vex);
  const counts = rowCounts(data.rows, decisions);
  const image = sbom.image;
  const platform = image.platform
    ? [image.platform.os, image.platform.architecture, image.platform.variant].filter(Boolean).join('/')
    : 'platform unknown';
  const types = new Map<string, number>();
  for (const p of sbom.packages) types.set(p.type, (types.get(p.type) ?? 0) + 1);
  const size = image.layers.reduce((n, l) => n + l.size, 0);
  const base = data.rows.filter((r) => r.layer === 'base' && !decisions.get(r.key)?.suppressed).length;
  const own = data.rows.filter((r) => r.layer === 'own' && !decisions.get(r.key)?.suppressed).length;
  const suppressed = data.rows.filter((r) => decisions.get(r.key)?.suppressed).length;
  const annotated = data.rows.filter((r) => decisions.get(r.key)?.decision && !decisions.get(r.key)?.suppressed).length;
  const fixable = data.rows.filter((r) => r.lead.status === 'fixed' && !decisions.get(r.key)?.suppressed).length;
  const statements = state.vex?.statements.length ?? 0;
  const lines: Line[] = [
    ...quickviewBox(data, counts, width),
    blank(),
    ...field('Image', `${data.imageName} · ${image.format} · ${platform}`, width),
    ...field('Digest', image.manifestDigest ?? image.configDigest ?? 'unknown', width),
    ...field(
      'Layers',
      `${plural(image.layers.length, 'layer', 'layers')}, ${formatBytes(size)} compressed · created ${image.created?.slice(0, 16).replace('T', ' ') ?? 'unknown'}`,
      width,
    ),
    ...field('Distro', sbom.distro?.prettyName ?? sbom.distro?.id ?? 'not identified', width),
    ...field(
      'Packages',
      `${sbom.packages.length} (${[...types].map(([t, n]) => `${n} ${t}`).join(', ') || 'none'})`,
      width,
    ),
    ...field('Database', databaseLine(database), width),
    ...field('Data dates', dataDatesLine(database), width),
    ...field('Matched', matchedLine(result.coverage) || 'no package matched', width),
    line(seg('Findings'.padEnd(12), 'dim'), ...countSegments(counts), seg(` · ${fixable} with a fixed version`)),
    ...field(
      'Layers',
      `base ${base} · own ${own} (${data.input.base?.base ? `base = ${data.input.base.base.name}'s layers` : 'no catalog base: base = the first layer'})`,
      width,
    ),
    ...field(
      'Triage',
      `${vexFile}: ${plural(statements, 'statement', 'statements')} · ${suppressed} suppressed · ${annotated} annotated`,
      width,
    ),
  ];
  for (const w of [...result.warnings, ...sbom.warnings.map((x) => `${x.path}: ${x.message}`)])
    lines.push(...field('Warning', w, width, 12, 'bad'));
  return lines;
}

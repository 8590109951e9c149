/** Severity charts as inline SVG: a stacked bar per row, scaled to the largest total. */
import { BANDS, BAND_LETTER, type SeverityBand } from '../../severity/index.js';
import type { SeverityCounts } from '../../findings/model.js';
import { esc } from './escape.js';

const FILL: Record<SeverityBand, string> = {
  critical: '#b3001b',
  high: '#e0452b',
  medium: '#f0a01a',
  low: '#d8b85a',
  unspecified: '#9a9a9a',
};

export const totalOf = (c: SeverityCounts): number => BANDS.reduce((n, b) => n + c[b], 0);

/** A stacked bar `width` wide for `max`; each segment titled with its count. */
export function severityBar(counts: SeverityCounts, max: number, width = 260): string {
  let x = 0;
  const rects = BANDS.filter((b) => counts[b] > 0).map((b) => {
    const w = max > 0 ? Math.max(1, (counts[b] / max) * width) : 0;
    const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="14" fill="${FILL[b]}"><title>${counts[b]} ${b}</title></rect>`;
    x += w;
    return rect;
  });
  return `<svg class="bar" role="img" aria-label="${esc(countsText(counts))}" width="${width}" height="14" viewBox="0 0 ${width} 14"><rect x="0" y="0" width="${width}" height="14" fill="#f0f0f0"/>${rects.join('')}</svg>`;
}

export const countsText = (c: SeverityCounts): string => BANDS.map((b) => `${c[b]}${BAND_LETTER[b]}`).join(' ');

/** `17C 32H …` as cells, zero counts greyed. */
export function countCells(c: SeverityCounts): string {
  return `<span class="counts">${BANDS.map((b) => `<span class="${c[b] === 0 ? 'zero' : b}" data-band="${b}">${c[b]}${BAND_LETTER[b]}</span>`).join('')}</span>`;
}

/** The `17C 32H 35M 33L 2U` cells of Docker Scout's tables. */
import type { SeverityCounts } from '../../findings/model.js';
import { BANDS, BAND_LETTER } from '../../severity/index.js';
import { paintBand, type Style } from './style.js';

/**
 * ` 17C    32H    35M    33L     2U` as Docker Scout's quickview lays it out (src/report/vulns/quickview.ts): one leading space, each
 * cell right-aligned in 5 characters, two spaces between cells; the U cell only when
 * nonzero, unless `alwaysU`.
 */
export function severityCells(counts: SeverityCounts, style: Style, options: { alwaysU?: boolean } = {}): string {
  const cells = BANDS.filter((b) => b !== 'unspecified' || counts.unspecified > 0 || options.alwaysU).map((b) =>
    paintBand(style, b, `${counts[b]}${BAND_LETTER[b]}`.padStart(5), counts[b] === 0),
  );
  return ` ${cells.join('  ')}`;
}

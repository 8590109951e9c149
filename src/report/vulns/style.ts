/**
 * Terminal styling. Reports are plain text unless the command says the output is a
 * terminal and NO_COLOR is unset; the decision is made once, at the edge.
 */
import type { SeverityBand } from '../../severity/index.js';

export interface Style {
  color: boolean;
}

export const PLAIN: Style = { color: false };

const BAND_SGR: Record<SeverityBand, string> = {
  critical: '1;38;5;160',
  high: '38;5;203',
  medium: '38;5;214',
  low: '38;5;179',
  unspecified: '38;5;248',
};

const sgr = (style: Style, code: string, text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);

export function paintBand(style: Style, band: SeverityBand, text: string, dim = false): string {
  return sgr(style, dim ? '2' : BAND_SGR[band], text);
}

export const bold = (style: Style, text: string) => sgr(style, '1', text);
export const faint = (style: Style, text: string) => sgr(style, '2', text);
export const green = (style: Style, text: string) => sgr(style, '32', text);
export const red = (style: Style, text: string) => sgr(style, '31', text);

/** Whether to color output written to `stream`: a terminal, no NO_COLOR, not redirected to a file. */
export function wantsColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
  outputFile?: string,
): boolean {
  return !outputFile && stream.isTTY === true && !env.NO_COLOR;
}

/**
 * How tones look. With color off (NO_COLOR, or not a terminal) only attributes that are
 * not colors remain: bold, dim and inverse, so the cursor and headings stay visible.
 */
import type { Tone } from '../state/lines.js';

export interface ToneStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export type Theme = Record<Tone, ToneStyle>;

const COLORED: Theme = {
  critical: { color: '#d70000', bold: true },
  high: { color: '#ff5f5f' },
  medium: { color: '#ffaf00' },
  low: { color: '#d7af5f' },
  unspecified: { color: '#a8a8a8' },
  dim: { dimColor: true },
  bold: { bold: true },
  accent: { color: 'cyan' },
  good: { color: 'green' },
  bad: { color: 'red' },
  heading: { bold: true, color: 'blue' },
  tab: {},
  tabActive: { bold: true, inverse: true },
  input: { color: 'yellow' },
};

function withoutColor(theme: Theme): Theme {
  return Object.fromEntries(Object.entries(theme).map(([tone, { color: _c, ...rest }]) => [tone, rest])) as Theme;
}

const PLAIN_THEME = { ...withoutColor(COLORED), critical: { bold: true }, heading: { bold: true } };

export function themeFor(color: boolean): Theme {
  return color ? COLORED : PLAIN_THEME;
}

/** Color unless NO_COLOR is set (https://no-color.org: any non-empty value). */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

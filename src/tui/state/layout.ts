/**
 * The screen's fixed frame: a tab line and a context line on top, a message line and two
 * key-help lines at the bottom, the body in between. One line is left free below the
 * frame: an Ink frame as tall as the terminal is redrawn from a cleared screen each time.
 */
export interface Size {
  columns: number;
  rows: number;
}

export const MIN_SIZE: Size = { columns: 60, rows: 16 };

const TOP = 2;
const BOTTOM = 3;

/** The frame line on which the body starts (after the tab and context lines). */
export const BODY_TOP = TOP;

/** The tabs of the top line, in order; the active one is drawn `[label]`, the others ` label `, each followed by a space. */
export const TABS = [
  ['overview', '1 Overview'],
  ['vulns', '2 Vulnerabilities'],
  ['layers', '3 Layers'],
] as const;

export type TabScreen = (typeof TABS)[number][0];

/** The tab drawn at a column of the top line, if any. */
export function tabAt(column: number): TabScreen | undefined {
  let start = 0;
  for (const [screen, label] of TABS) {
    const width = label.length + 2;
    if (column >= start && column < start + width) return screen;
    start += width + 1;
  }
  return undefined;
}

export function frameHeight(size: Size): number {
  return Math.max(1, size.rows - 1);
}

export function bodyHeight(size: Size): number {
  return Math.max(1, frameHeight(size) - TOP - BOTTOM);
}

export function tooSmall(size: Size): boolean {
  return size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;
}

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

export function frameHeight(size: Size): number {
  return Math.max(1, size.rows - 1);
}

export function bodyHeight(size: Size): number {
  return Math.max(1, frameHeight(size) - TOP - BOTTOM);
}

export function tooSmall(size: Size): boolean {
  return size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;
}

/**
 * Mouse reports as the terminal sends them once SGR mouse tracking is on (run.ts):
 * `ESC [ < button ; column ; row M` for a press, `m` for a release, 1-based cells. Ink
 * hands them over with the ESC already taken off. Only presses count: a left click and
 * the wheel; other buttons and releases are ignored, and none of it is ever read as keys
 * (the `M` of a report would otherwise filter by MEDIUM).
 */
import type { Action } from './actions.js';

/** One report: button, column, row, press (M) or release (m); the ESC is optional. */
const REPORT = '\\u001b?\\[<(\\d+);(\\d+);(\\d+)([Mm])';
const SGR_MOUSE = new RegExp(`^${REPORT}$`);
const SGR_MOUSE_ALL = new RegExp(REPORT, 'g');

/** How many lines one wheel notch moves. */
export const WHEEL_STEP = 3;

export function isMouseReport(input: string): boolean {
  return SGR_MOUSE.test(input);
}

/** Reports that arrived together (a fast wheel), one by one; undefined when the input is not only reports. */
export function splitMouseReports(input: string): string[] | undefined {
  const reports = input.match(SGR_MOUSE_ALL);
  return reports && reports.join('') === input ? reports : undefined;
}

/** The action of one mouse report: a click at a 0-based cell, a wheel step, or nothing. */
export function mouseAction(input: string): Action | undefined {
  const m = SGR_MOUSE.exec(input);
  if (!m || m[4] === 'm') return undefined;
  const button = Number(m[1]);
  const column = Number(m[2]) - 1;
  const row = Number(m[3]) - 1;
  // 64 and 65: wheel up and down (bit 6 set, the low bits the direction); modifier bits (4, 8, 16) are ignored.
  if (button & 64)
    return (button & 3) === 0
      ? { type: 'wheel', delta: -WHEEL_STEP }
      : (button & 3) === 1
        ? { type: 'wheel', delta: WHEEL_STEP }
        : undefined;
  // Motion (32) and the middle and right buttons do nothing.
  if ((button & 35) !== 0) return undefined;
  return { type: 'click', column, row };
}

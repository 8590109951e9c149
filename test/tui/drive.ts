/** Drives the review's pure state with key presses, as the app does, without a terminal. */
import type { ReviewData } from '../../src/tui/state/data.js';
import { keyToAction, type Clock, type KeyInfo } from '../../src/tui/state/keys.js';
import { reduce } from '../../src/tui/state/reducer.js';
import type { ReviewState } from '../../src/tui/state/state.js';

export type Press = string | Partial<KeyInfo>;

export const ENTER: Press = { return: true };
export const ESC: Press = { escape: true };
export const DOWN: Press = { downArrow: true };
export const UP: Press = { upArrow: true };
export const BACKSPACE: Press = { backspace: true };

/**
 * Strings are typed character by character; objects are special keys. A save the reducer
 * asks for is reported written at once, unless `autoSave` is off.
 */
export function press(
  data: ReviewData,
  state: ReviewState,
  presses: Press[],
  clock: Clock,
  autoSave = true,
): ReviewState {
  let s = state;
  for (const p of presses) {
    const keys: [string, Partial<KeyInfo>][] = typeof p === 'string' ? Array.from(p).map((ch) => [ch, {}]) : [['', p]];
    for (const [input, key] of keys) {
      const action = keyToAction(s, input, key, clock);
      if (action) s = reduce(data, s, action);
      // The app writes the document and reports back; here it is "written" at once.
      if (s.save && autoSave) s = reduce(data, s, { type: 'saved', seq: s.save.seq });
    }
  }
  return s;
}

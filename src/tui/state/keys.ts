/**
 * Key presses to actions, by mode: in the triage dialog and the search field letters are
 * text or choices; elsewhere they are commands. Pure: the clock and a fresh id come in
 * as arguments, so a key sequence replays the same in tests.
 */
import type { Key } from 'ink';
import type { SeverityBand } from '../../severity/index.js';
import type { Action } from './actions.js';
import { isMouseReport, mouseAction, splitMouseReports } from './mouse.js';
import type { ReviewState } from './state.js';

export type KeyInfo = Pick<
  Key,
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'ctrl'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'meta'
>;

export interface Clock {
  now: Date;
  newId: string;
}

const BAND_KEYS: Record<string, SeverityBand> = { C: 'critical', H: 'high', M: 'medium', L: 'low', U: 'unspecified' };
// eslint-disable-next-line no-control-regex -- control characters are what is stripped from typed text
const printable = (input: string) => input.replace(/[\u0000-\u001f\u007f]/g, '');

function textKey(input: string, key: Partial<KeyInfo>, clock: Clock): Action | undefined {
  if (key.escape) return { type: 'cancel' };
  if (key.return) return { type: 'submit', now: clock.now.toISOString(), newId: clock.newId };
  if (key.backspace || key.delete) return { type: 'erase' };
  const text = printable(input);
  return text && !key.ctrl && !key.meta ? { type: 'text', text } : undefined;
}

/**
 * Ink hands several characters that arrive together (a paste, keys sent in one write) over
 * as one input: split them into single keys, Enter, Tab and Backspace included.
 */
export function splitKeys(input: string, key: Partial<KeyInfo>): [string, Partial<KeyInfo>][] {
  if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  const reports = splitMouseReports(input);
  if (reports) return reports.map((report) => [report, {}]);
  return Array.from(input).map((ch): [string, Partial<KeyInfo>] => {
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\t') return ['', { tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { backspace: true }];
    return [ch, {}];
  });
}

export function keyToAction(
  state: ReviewState,
  input: string,
  key: Partial<KeyInfo>,
  clock: Clock,
): Action | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (isMouseReport(input)) return mouseAction(input);
  const t = state.triage;
  if (t) {
    if (t.step === 'note' || t.step === 'expiry') return textKey(input, key, clock);
    if (key.escape) return { type: 'cancel' };
    if (key.return) return { type: 'submit', now: clock.now.toISOString(), newId: clock.newId };
    return input ? { type: 'choose', key: input } : undefined;
  }
  if (state.searching) return textKey(input, key, clock);
  if (state.help) return input === 'q' ? { type: 'quit' } : { type: 'help' };

  if (key.upArrow) return { type: 'move', delta: -1 };
  if (key.downArrow) return { type: 'move', delta: 1 };
  if (key.pageUp) return { type: 'page', direction: -1 };
  if (key.pageDown) return { type: 'page', direction: 1 };
  if (key.home) return { type: 'edge', to: 'first' };
  if (key.end) return { type: 'edge', to: 'last' };
  if (key.return || (key.rightArrow && state.screen === 'vulns')) return { type: 'open' };
  if (key.escape || key.backspace || key.delete || key.leftArrow) return { type: 'back' };
  if (key.tab) return { type: 'nextScreen' };
  if (BAND_KEYS[input] && state.screen === 'vulns') return { type: 'band', band: BAND_KEYS[input] };
  const onList = state.screen === 'vulns';
  switch (input) {
    case 'q':
      return { type: 'quit' };
    case '?':
      return { type: 'help' };
    case '1':
      return { type: 'screen', screen: 'overview' };
    case '2':
      return { type: 'screen', screen: 'vulns' };
    case '3':
      return { type: 'screen', screen: 'layers' };
    case 'k':
      return { type: 'move', delta: -1 };
    case 'j':
      return { type: 'move', delta: 1 };
    case 'g':
      return { type: 'edge', to: 'first' };
    case 'G':
      return { type: 'edge', to: 'last' };
    case 'm':
      return { type: 'triageStart' };
  }
  if (!onList) return undefined;
  switch (input) {
    case 's':
      return { type: 'sort' };
    case 't':
      return { type: 'packageType' };
    case 'x':
      return { type: 'fix' };
    case 'b':
      return { type: 'layer' };
    case 'h':
      return { type: 'suppressed' };
    case 'r':
      return { type: 'reset' };
    case '/':
      return { type: 'searchStart' };
  }
  return undefined;
}

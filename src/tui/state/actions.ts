/** What can happen in the review: key presses are mapped to these (keys.ts), effects report back with `saved` / `saveFailed`. */
import type { SeverityBand } from '../../severity/index.js';
import type { Screen } from './state.js';

export type Action =
  | { type: 'screen'; screen: Screen }
  | { type: 'nextScreen' }
  | { type: 'move'; delta: number }
  | { type: 'page'; direction: 1 | -1 }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'sort' }
  | { type: 'band'; band: SeverityBand }
  | { type: 'packageType' }
  | { type: 'fix' }
  | { type: 'layer' }
  | { type: 'suppressed' }
  | { type: 'reset' }
  | { type: 'searchStart' }
  | { type: 'triageStart' }
  | { type: 'choose'; key: string }
  | { type: 'text'; text: string }
  | { type: 'erase' }
  /** Enter in a text field or dialog; carries the time and a fresh document id for a decision. */
  | { type: 'submit'; now: string; newId: string }
  | { type: 'cancel' }
  | { type: 'saved'; seq: number }
  | { type: 'saveFailed'; seq: number; message: string }
  | { type: 'resize'; columns: number; rows: number }
  /** A left click at a 0-based cell of the frame. */
  | { type: 'click'; column: number; row: number }
  | { type: 'wheel'; delta: number }
  | { type: 'help' }
  | { type: 'quit' };

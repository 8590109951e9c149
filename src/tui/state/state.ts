/** The review's state: everything the screens show that can change, as plain data. */
import type { VexDocument } from '../../vex/model.js';
import type { ReviewData } from './data.js';
import type { Size } from './layout.js';
import { NO_FILTERS, type Filters, type SortKey } from './query.js';
import type { TriageState } from './triage.js';

export type Screen = 'overview' | 'vulns' | 'detail' | 'layers';
export const SCREENS: Screen[] = ['overview', 'vulns', 'layers'];

export interface PendingSave {
  seq: number;
  document: VexDocument;
  /** Statements this decision wrote. */
  statements: number;
  /** What the message line says once it is written. */
  summary: string;
}

export interface ReviewState {
  screen: Screen;
  size: Size;
  sort: SortKey;
  filters: Filters;
  /** Key of the selected finding row. */
  selected?: string;
  /** Its index among the visible rows, to land nearby when it disappears (filtered, suppressed). */
  cursor: number;
  listScroll: number;
  detailScroll: number;
  layerCursor: number;
  /** Typing into the search field; `searchBefore` is restored by Esc. */
  searching: boolean;
  searchBefore: string;
  triage?: TriageState;
  help: boolean;
  /** The VEX document as decided in this session, and as last written. */
  vex?: VexDocument;
  savedVex?: VexDocument;
  save?: PendingSave;
  saveSeq: number;
  /** Statements written in this session. */
  recorded: number;
  message?: { text: string; tone: 'good' | 'bad' | 'dim' };
  quit: boolean;
}

export function initialState(data: ReviewData, size: Size, screen: Screen = 'overview'): ReviewState {
  return {
    screen,
    size,
    sort: 'severity',
    filters: NO_FILTERS,
    selected: undefined,
    cursor: 0,
    listScroll: 0,
    detailScroll: 0,
    layerCursor: 0,
    searching: false,
    searchBefore: '',
    help: false,
    vex: data.input.vex,
    savedVex: data.input.vex,
    saveSeq: 0,
    recorded: 0,
    quit: false,
  };
}

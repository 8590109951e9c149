/**
 * Runs the review in the terminal: on the alternate screen, so quitting (q or Ctrl-C)
 * gives the shell back exactly as it was; Ink restores the cursor and the input mode,
 * and mouse reporting, when it was asked for, is switched off again on the way out.
 */
import { render } from 'ink';
import { createElement } from 'react';
import { ReviewApp } from './app.js';
import { withRawWrites } from '../cli/terminal-guard.js';
import { colorWanted } from './components/theme.js';
import { buildReviewData, type ReviewInput } from './state/data.js';
import type { ReviewState } from './state/state.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
// Button presses and releases (1000), wheel included, reported in SGR form (1006): cells past column 223 stay readable.
const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';

export interface ReviewTerminal {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** Ask the terminal for mouse reports (default true). */
  mouse?: boolean;
}

export interface ReviewOutcome {
  /** Statements written to the VEX document in this session. */
  recorded: number;
  vexFile: string;
}

export async function runReview(input: ReviewInput, options: Partial<ReviewTerminal> = {}): Promise<ReviewOutcome> {
  // Ink moves the cursor and erases lines: it writes past the output guard, and the
  // text it paints is escaped where every segment is painted (components/Screen.tsx).
  const stdout = options.stdout ?? process.stdout;
  return withRawWrites(stdout, () => review(input, { ...options, stdout }));
}

async function review(input: ReviewInput, options: Partial<ReviewTerminal>): Promise<ReviewOutcome> {
  const streams = { stdout: options.stdout ?? process.stdout, stdin: options.stdin ?? process.stdin };
  const mouse = options.mouse ?? true;
  const data = buildReviewData(input);
  let last: ReviewState | undefined;
  const leave = () => streams.stdout.write(`${mouse ? MOUSE_OFF : ''}${LEAVE_ALT_SCREEN}`);
  streams.stdout.write(`${ENTER_ALT_SCREEN}${mouse ? MOUSE_ON : ''}`);
  // A crash or a signal must not leave the user on the alternate screen.
  process.once('exit', leave);
  try {
    const app = render(
      createElement(ReviewApp, { data, color: colorWanted(), onChange: (s: ReviewState) => (last = s) }),
      {
        stdout: streams.stdout,
        stdin: streams.stdin,
        exitOnCtrlC: true,
        patchConsole: true,
      },
    );
    await app.waitUntilExit();
  } finally {
    process.off('exit', leave);
    leave();
  }
  return { recorded: last?.recorded ?? 0, vexFile: input.vexFile };
}

/**
 * The review app: wires keys to the reducer, performs the one side effect (writing the
 * VEX document) and paints the frame. State lives in a ref updated synchronously, so a
 * burst of keys arriving in one chunk (a paste, a fast typist, tmux send-keys) is mapped
 * key by key against the state each previous key produced.
 */
import { useApp, useInput, useStdout } from 'ink';
import { randomUUID } from 'node:crypto';
import { useEffect, useRef, useState } from 'react';
import type { VexDocument } from '../vex/model.js';
import { writeVexFile } from '../vex/write.js';
import { Screen } from './components/Screen.js';
import { themeFor } from './components/theme.js';
import type { Action } from './state/actions.js';
import type { ReviewData } from './state/data.js';
import { keyToAction, splitKeys, type Clock } from './state/keys.js';
import type { Size } from './state/layout.js';
import { reduce } from './state/reducer.js';
import { initialState, type ReviewState } from './state/state.js';
import { frameLines } from './state/views/frame.js';

export interface ReviewAppProps {
  data: ReviewData;
  color: boolean;
  /** A fixed size (tests); without it the terminal's size is followed. */
  size?: Size;
  clock?: () => Clock;
  writeVex?: (file: string, doc: VexDocument) => void;
  /** Called with every new state (the runner reports what was recorded, however the app was left). */
  onChange?: (state: ReviewState) => void;
}

const systemClock = (): Clock => ({ now: new Date(), newId: randomUUID() });

export function ReviewApp({
  data,
  color,
  size,
  clock = systemClock,
  writeVex = writeVexFile,
  onChange,
}: ReviewAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const terminalSize = (): Size => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const stateRef = useRef<ReviewState>(null as unknown as ReviewState);
  if (stateRef.current === null)
    stateRef.current = reduce(data, initialState(data, size ?? terminalSize()), {
      type: 'resize',
      ...(size ?? terminalSize()),
    });
  const [state, setState] = useState(stateRef.current);

  const apply = (action: Action) => {
    const before = stateRef.current;
    let next = reduce(data, before, action);
    if (next.save && next.save.seq !== before.save?.seq) {
      const { seq, document } = next.save;
      try {
        writeVex(data.input.vexFile, document);
        next = reduce(data, next, { type: 'saved', seq });
      } catch (err) {
        next = reduce(data, next, { type: 'saveFailed', seq, message: (err as Error).message });
      }
    }
    stateRef.current = next;
    setState(next);
    onChange?.(next);
    if (next.quit && !before.quit) exit();
  };

  useInput((input, key) => {
    for (const [one, flags] of splitKeys(input, key)) {
      const action = keyToAction(stateRef.current, one, flags, clock());
      if (action) apply(action);
    }
  });

  useEffect(() => {
    if (size) {
      apply({ type: 'resize', ...size });
      return;
    }
    // Before Ink's own resize handler, so Ink repaints the frame laid out for the new size.
    const onResize = () => apply({ type: 'resize', ...terminalSize() });
    stdout.prependListener('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [size?.columns, size?.rows]);

  return <Screen lines={frameLines(data, state)} theme={themeFor(color)} />;
}

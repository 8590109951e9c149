/**
 * Ctrl-C, `kill` and a closed terminal end a run cleanly: the temp space (spilled jars,
 * rpm databases, a half-unpacked database) is removed, then the process exits with
 * 128 + the signal's number, the status a shell shows for a process a signal ended.
 * Exiting (rather than re-raising the signal) runs the other exit handlers too: the
 * review leaves the alternate screen.
 */
import { constants } from 'node:os';
import { prepareTempSpace, removeTempSpace } from '../system/temp-space.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

export function cleanUpOnSignals(): void {
  prepareTempSpace();
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  removeTempSpace();
  for (const other of SIGNALS) process.off(other, onSignal);
  process.exit(128 + constants.signals[signal]);
}

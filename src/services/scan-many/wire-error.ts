/** An error as plain data, so that it can cross from a worker thread to the main thread. */
import { UserError } from '../../errors.js';
import { DiskFullError, diskFullTarget, isDiskFull, isStackOverflow } from '../../system/failures.js';

export interface WireError {
  /** A fact about the input or the machine the user can act on; else an internal error. */
  user: boolean;
  message: string;
  hint?: string;
  exitCode: number;
}

/** Classifies as `BaseCommand.catch` does: a full disk and a too-deep input are the user's to know. */
export function toWireError(err: unknown, input: string): WireError {
  if (isDiskFull(err) && !(err instanceof DiskFullError))
    err = new DiskFullError(diskFullTarget(err, process.env.AIRLOCK_HOME ?? 'AIRLOCK_HOME'), err);
  if (isStackOverflow(err) && !(err instanceof UserError))
    err = new UserError(`${input}: nested too deeply to read (maximum call stack size exceeded)`, { cause: err });
  if (err instanceof UserError) return { user: true, message: err.message, hint: err.hint, exitCode: err.exitCode };
  return { user: false, message: err instanceof Error ? err.message : String(err), exitCode: 70 };
}

export function fromWireError(wire: WireError): Error {
  return wire.user
    ? new UserError(wire.message, { hint: wire.hint, exitCode: wire.exitCode })
    : new Error(wire.message);
}

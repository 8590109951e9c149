/**
 * Failures of the machine rather than of the input: a full disk, and a stack overflow
 * on deeply nested input. Both must reach the user as one line that says what happened
 * and to which file, never as "internal error" and never as a warning that lets a scan
 * look clean (a jar that could not be spilled to a full TMPDIR is not an empty jar).
 */
import { InputError, UserError } from '../errors.js';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** The cause chain of an error, outermost first. */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && out.length < 16; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** Whether anything in the cause chain says the disk (or quota) is full. */
export function isDiskFull(err: unknown): boolean {
  return chain(err).some((e) => {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code && DISK_FULL_CODES.has(code)) return true;
    return /\b(ENOSPC|SQLITE_FULL)\b|no space left on device|database or disk is full/i.test(
      String((e as Error)?.message ?? ''),
    );
  });
}

export class DiskFullError extends UserError {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`no space left on device writing ${target}`, {
      cause,
      hint: 'free space there, or point TMPDIR (temporary copies) or AIRLOCK_HOME (databases, snapshots) at a larger disk',
    });
  }
}

/** The file a disk-full error was writing: the errno's path, else the file an InputError in the chain names. */
export function diskFullTarget(err: unknown, fallback: string): string {
  for (const e of chain(err)) {
    if (e instanceof DiskFullError) return e.target;
    const path = (e as NodeJS.ErrnoException)?.path;
    if (typeof path === 'string') return path;
  }
  for (const e of chain(err)) if (e instanceof InputError) return e.file;
  return fallback;
}

/** Runs `fn`; a full disk while it runs becomes a DiskFullError naming `target`. */
export async function writingTo<T>(target: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isDiskFull(err) && !(err instanceof DiskFullError)) throw new DiskFullError(target, err);
    throw err;
  }
}

/** Whether anything in the cause chain is V8's stack overflow. */
export function isStackOverflow(err: unknown): boolean {
  return chain(err).some((e) => e instanceof RangeError && /maximum call stack size exceeded/i.test(e.message));
}

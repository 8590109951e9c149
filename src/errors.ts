/**
 * Errors that cross the domain/command boundary.
 *
 * Domain code throws these and never prints or exits; one handler in
 * `commands/base-command.ts` maps them to a one-line message and an exit code.
 */

/** Something the user can fix: a bad file, a missing flag, an untrusted bundle. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly hint?: string;
  /** Exit code for the process; 1 unless a command documents otherwise. */
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * Untrusted input (an image tarball, a bundle, a feed file) is malformed.
 * The message always names the file; `detail` says what is wrong with it.
 */
export class InputError extends UserError {
  readonly file: string;
  readonly detail: string;

  constructor(file: string, detail: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`${file}: ${detail}`, options);
    this.file = file;
    this.detail = detail;
  }
}

/** An expected non-zero exit that is not a failure, e.g. `cves --exit-code` when findings remain. */
export class ExitSignal extends Error {
  override readonly name = 'ExitSignal';
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/** The underlying reason of an unknown thrown value, for hints and debug output. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

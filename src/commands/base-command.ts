import { Command } from '@oclif/core';
import { ExitSignal, UserError, describeCause } from '../errors.js';
import { installTerminalGuard } from '../cli/terminal-guard.js';
import { cleanUpOnSignals } from '../cli/signals.js';
import { DiskFullError, diskFullTarget, isDiskFull, isStackOverflow } from '../system/failures.js';

/** `--exit-code 1` or `--exit-code=1`, Trivy's habit, on a command where it is a switch. */
function valuedSwitch(argv: string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') return undefined;
    if (/^--exit-code=/.test(arg)) return arg;
    if ((arg === '--exit-code' || arg === '-e') && /^\d+$/.test(argv[i + 1] ?? '')) return `${arg} ${argv[i + 1]}`;
  }
  return undefined;
}

/**
 * Every airlock command extends this. It maps domain errors to one clean line on
 * stderr and an exit code, so no user ever sees a stack trace for bad input.
 * Set AIRLOCK_DEBUG=1 to see the cause chain and stack.
 */
export abstract class BaseCommand extends Command {
  public override async init(): Promise<void> {
    // Before anything is printed: image-derived text never reaches the terminal raw.
    installTerminalGuard();
    // Temp copies of processes killed with SIGKILL are swept; this one's go on exit and on a signal.
    cleanUpOnSignals();
    await super.init();
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof ExitSignal) {
      if (err.message) process.stderr.write(`${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    // A full disk says so, whichever layer noticed it (an errno, SQLite's SQLITE_FULL, a wrapped InputError).
    if (isDiskFull(err) && !(err instanceof DiskFullError))
      err = new DiskFullError(diskFullTarget(err, process.env.AIRLOCK_HOME ?? 'AIRLOCK_HOME'), err);
    // Input nested deeper than the stack: a fact about the input, never "internal error".
    if (isStackOverflow(err) && !(err instanceof UserError))
      err = new UserError(
        `${this.inputArg() ?? 'input'}: nested too deeply to read (maximum call stack size exceeded)`,
        { cause: err },
      );
    if (err instanceof UserError) {
      process.stderr.write(`error: ${err.message}\n`);
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
      if (process.env.AIRLOCK_DEBUG && err.cause)
        process.stderr.write(`cause: ${describeCause(err.cause)}\n${(err.cause as Error).stack ?? ''}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    // oclif's own parse errors (unknown flag, missing arg) already carry a clean message.
    if (err.oclif?.exit !== undefined) {
      const habit = valuedSwitch(this.argv);
      if (habit) {
        process.stderr.write(`error: ${habit} takes no value\n`);
        process.stderr.write(
          "hint: as in Docker Scout, --exit-code (-e) is a switch: the exit status is 2 when vulnerabilities are left after the filters. Trivy's `--exit-code 1` sets the status; drop the number\n",
        );
        process.exitCode = 1;
        return;
      }
      return super.catch(err);
    }
    if (process.env.AIRLOCK_DEBUG) throw err;
    process.stderr.write(`error: internal error: ${err.message}\n`);
    process.stderr.write('hint: this is a bug in airlock; rerun with AIRLOCK_DEBUG=1 and report the output\n');
    process.exitCode = 70;
  }

  /** The first positional argument (the image or file a command reads), for naming it in errors. */
  private inputArg(): string | undefined {
    return this.argv.find((a) => !a.startsWith('-'));
  }
}

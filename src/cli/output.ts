import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { DiskFullError, isDiskFull } from '../system/failures.js';
import { guardOutput } from '../text/terminal-safe.js';

/**
 * Writes a report to `--output FILE` or stdout. A file is written beside its
 * destination and renamed into place, so a failure never leaves half a report. A file
 * gets the same guard as the terminal (src/text/terminal-safe.ts): it is read with cat.
 * In JSON the guard's `\u0085` is the escape JSON itself has, so the value is unchanged.
 */
export function writeOutput(text: string, file?: string): void {
  if (!file) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const body = guardOutput(text.endsWith('\n') ? text : `${text}\n`);
  // `-o /dev/null`, a FIFO, a terminal: written to as they are. Renaming a file over one
  // would replace the device itself (it did: /dev/null became a regular file).
  const existing = statSync(file, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) {
    try {
      writeFileSync(file, body);
    } catch (err) {
      if (isDiskFull(err)) throw new DiskFullError(file, err);
      throw new UserError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        cause: err,
      });
    }
    return;
  }
  // Through a symlink, the file it names is replaced, not the link.
  const target = existing ? realpathSync(file) : file;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, body);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    if (isDiskFull(err)) throw new DiskFullError(file, err);
    throw new UserError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      cause: err,
    });
  }
}

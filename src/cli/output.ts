import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { DiskFullError, isDiskFull } from '../system/failures.js';

/**
 * Writes a report to `--output FILE` or stdout. A file is written beside its
 * destination and renamed into place, so a failure never leaves half a report.
 */
export function writeOutput(text: string, file?: string): void {
  if (!file) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text.endsWith('\n') ? text : `${text}\n`);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    if (isDiskFull(err)) throw new DiskFullError(file, err);
    throw new UserError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      cause: err,
    });
  }
}

import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { DiskFullError, isDiskFull } from '../system/failures.js';

let dir: string | undefined;

/** One private temporary directory per process, removed at exit. */
function spillDir(): string {
  if (!dir) {
    try {
      dir = mkdtempSync(join(tmpdir(), 'airlock-spill-'));
    } catch (err) {
      if (isDiskFull(err)) throw new DiskFullError(`a temporary directory in ${tmpdir()}`, err);
      throw new UserError(
        `cannot create a temporary directory in ${tmpdir()}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { cause: err, hint: 'set TMPDIR to a writable directory' },
      );
    }
    const made = dir;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return dir;
}

let counter = 0;

/**
 * Writes a file body to a temporary file for readers that need random access
 * (zip central directories, ELF section tables). The caller removes it as soon as
 * it is done, so at most one spilled file exists per analyzer at a time.
 */
export async function spillToTemp(
  chunks: AsyncIterable<Buffer> | Buffer[],
  name: string,
): Promise<{ path: string; remove(): void }> {
  const path = join(
    spillDir(),
    `${++counter}-${basename(name)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 80)}`,
  );
  // Written synchronously: the bytes land in the page cache at once, and the reader
  // of the layer does not sit idle waiting for write callbacks.
  const fd = openSync(path, 'w', 0o600);
  try {
    for await (const chunk of chunks) writeAll(fd, chunk);
  } catch (err) {
    closeSync(fd);
    rmSync(path, { force: true });
    // A full TMPDIR is the machine's failure, not the file's: it must stop the scan, not become a warning.
    if (isDiskFull(err)) throw new DiskFullError(`${path} (a temporary copy of /${name})`, err);
    throw err;
  }
  closeSync(fd);
  return { path, remove: () => rmSync(path, { force: true }) };
}

function writeAll(fd: number, chunk: Buffer): void {
  for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off, chunk.length - off);
}

import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DiskFullError, isDiskFull } from '../system/failures.js';
import { tempSpace } from '../system/temp-space.js';
import { escapeField } from '../text/terminal-safe.js';

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
    tempSpace(),
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
    if (isDiskFull(err)) throw new DiskFullError(`${path} (a temporary copy of /${escapeField(name)})`, err);
    throw err;
  }
  closeSync(fd);
  return { path, remove: () => rmSync(path, { force: true }) };
}

function writeAll(fd: number, chunk: Buffer): void {
  for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off, chunk.length - off);
}

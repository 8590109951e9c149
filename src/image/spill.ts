import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

let dir: string | undefined;

/** One private temporary directory per process, removed at exit. */
function spillDir(): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'airlock-spill-'));
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
export async function spillToTemp(chunks: AsyncIterable<Buffer> | Buffer[], name: string): Promise<{ path: string; remove(): void }> {
  const path = join(spillDir(), `${++counter}-${basename(name).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}`);
  try {
    await pipeline(Readable.from(chunks), createWriteStream(path, { mode: 0o600 }));
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  return { path, remove: () => rmSync(path, { force: true }) };
}

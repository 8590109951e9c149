import { closeSync, openSync, readSync } from 'node:fs';
import type { StreamedFile } from '../types.js';
import type { ReadAt } from './elf.js';

/**
 * Where compiled programs live. A binary cannot be told by its name, so the Go and Rust
 * catalogers look at the files of the usual program directories, at extension-less
 * files under any `bin/` (`/usr/lib/go-1.19/bin/go`, `node_modules/@esbuild/linux-x64/bin/esbuild`),
 * and at extension-less files of application trees (/opt, /app) outside node_modules.
 * Each one's first bytes then decide whether it is ELF at all.
 */
const PROGRAM_DIRS = [
  '/usr/bin/',
  '/usr/local/bin/',
  '/bin/',
  '/sbin/',
  '/usr/sbin/',
  '/usr/local/sbin/',
  '/usr/libexec/',
];
const APP_TREES = ['/opt/', '/app/'];

export function isProgramCandidate(path: string): boolean {
  for (const dir of PROGRAM_DIRS) if (path.startsWith(dir)) return true;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base.includes('.')) return false;
  if (path.includes('/bin/')) return true;
  for (const tree of APP_TREES) if (path.startsWith(tree)) return !path.includes('/node_modules/');
  return false;
}

/**
 * Bodies up to this size are read into memory; larger ones are spilled to a temporary file
 * and read piecewise. Every candidate has to be read whole (the section headers are often
 * at the end), and the big image's 71 program files over 256 KiB hold 222 MB: reading the
 * large ones into memory made peak RSS jump by 50 MB whenever the garbage collector lagged.
 */
const IN_MEMORY = 4 * 1024 * 1024;

/**
 * Gives `look` random access to a streamed file's bytes: in place when the layer is an
 * uncompressed tar on disk (only the ELF header, section table and the sections looked
 * at are read), else from memory or a spilled copy. StreamedFile memoizes both `read()`
 * and `spill()`, so the Go and Rust catalogers looking at the same binary read it once.
 */
export async function withBytes<T>(
  file: StreamedFile,
  look: (readAt: ReadAt) => T,
  inMemoryUpTo = IN_MEMORY,
): Promise<T> {
  if (file.readAt) return look((offset, length) => file.readAt!(offset, length));
  if (file.size <= inMemoryUpTo) {
    const body = await file.read();
    return look((offset, length) =>
      offset >= 0 && offset < body.length
        ? body.subarray(offset, Math.min(body.length, offset + Math.max(0, length)))
        : Buffer.alloc(0),
    );
  }
  const fd = openSync(await file.spill(), 'r');
  try {
    return look((offset, length) => readFrom(fd, offset, length, file.size));
  } finally {
    closeSync(fd);
  }
}

function readFrom(fd: number, offset: number, length: number, size: number): Buffer {
  if (offset < 0 || offset >= size || length <= 0) return Buffer.alloc(0);
  const buf = Buffer.allocUnsafe(Math.min(length, size - offset));
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, offset + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

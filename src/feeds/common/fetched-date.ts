/**
 * The date of a feed file that carries none in its content (Alpine secdb, the Debian
 * tracker's JSON export): what `airlock feeds fetch` recorded when it downloaded it — the
 * server's Last-Modified, else the time of the download — from the sidecar it keeps under
 * `<out>/.fetch-state/<path>.json`. Never the file's mtime: a copy, an unpacked archive or
 * a USB stick gives every file a new one, and 2020 data would look fresh. Unknown when no
 * sidecar is found.
 */
import { dirname, relative } from 'node:path';
import { readSidecar, sidecarPath } from '../fetch/sidecar.js';

/** How many directories above the file a `.fetch-state` is looked for. */
const MAX_LEVELS = 6;

export async function fetchedDataDate(file: string): Promise<string | undefined> {
  let dir = dirname(file);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const sidecar = await readSidecar(sidecarPath(dir, relative(dir, file)));
    if (sidecar?.complete) {
      const when = Date.parse(sidecar.lastModified ?? '') || Date.parse(sidecar.fetched ?? '');
      return Number.isNaN(when) || !when ? undefined : new Date(when).toISOString().slice(0, 10);
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * What airlock remembers about one downloaded file: the validators the server gave
 * (for conditional refetch and for resuming a `.part` only if it is the same version),
 * and once complete its size and sha256. Kept under `OUT/.fetch-state/<path>.json`
 * so the feed tree itself holds only feed files for the importers to read.
 */
export interface Sidecar {
  url: string;
  etag?: string;
  lastModified?: string;
  complete: boolean;
  bytes?: number;
  sha256?: string;
  fetched?: string;
}

export const STATE_DIR = '.fetch-state';

export function sidecarPath(outDir: string, relativePath: string): string {
  return join(outDir, STATE_DIR, `${relativePath}.json`);
}

export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Sidecar;
    return value && typeof value.url === 'string' ? value : undefined;
  } catch {
    return undefined; // a missing or garbled sidecar only costs a full download
  }
}

export async function writeSidecar(file: string, value: Sidecar): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temp, file);
}

export async function removeSidecar(file: string): Promise<void> {
  await rm(file, { force: true });
}

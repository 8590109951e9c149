/**
 * The images a multi-image `scan` reads: each argument as given, except that a plain
 * directory (not an OCI layout) stands for the image tarballs and OCI layouts directly inside it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors.js';

/** Names `docker save`, `skopeo copy`, `podman save` and `buildx --output type=oci` give archives. */
const ARCHIVE_NAME = /\.(tar|tar\.gz|tgz|tar\.zst|tar\.zstd)$/i;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isOciLayout(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'oci-layout'))).isFile();
  } catch {
    return false;
  }
}

/** The images inside a directory of images, by name; hidden entries are skipped. */
async function imagesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) {
    const path = join(dir, name);
    if (await isDirectory(path)) {
      if (await isOciLayout(path)) found.push(path);
    } else if (ARCHIVE_NAME.test(name)) {
      found.push(path);
    }
  }
  if (found.length === 0)
    throw new UserError(`${dir}: no image tarball or OCI layout directory in it`, {
      hint: 'a directory of images holds *.tar, *.tar.gz or *.tar.zst archives, or OCI layout directories',
    });
  return found;
}

/** Expands directories of images; an argument named twice is scanned once. */
export async function expandScanInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const plainDir = !/^[a-z-]+:/.test(input) && (await isDirectory(input)) && !(await isOciLayout(input));
    for (const image of plainDir ? await imagesIn(input) : [input]) if (!out.includes(image)) out.push(image);
  }
  return out;
}

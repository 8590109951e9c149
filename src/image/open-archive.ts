import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { Archive } from './archive.js';
import { sniffCompression } from './decompress.js';
import { DirectoryArchive } from './dir-archive.js';
import type { WantsFile } from './layer-scan.js';
import { FilesystemArchive } from './fs-root.js';
import type { InputKind } from './input-ref.js';
import { StreamArchive } from './stream-archive.js';
import { BLOCK, looksLikeTarHeader } from './tar/header.js';
import { TarFileArchive } from './tar-archive.js';

/**
 * Opens an image input, deciding its container from content: a directory is an
 * OCI layout; a file is a tar (read in place) or a gzip/zstd-compressed tar
 * (read in one streaming pass, which is why `wants` is needed up front).
 */
export async function openArchive(
  path: string,
  wants: WantsFile,
  kind?: InputKind,
): Promise<{ archive: Archive; isDirectory: boolean }> {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code})`, {
      cause: err,
    });
  }
  if (kind === 'fs') {
    if (!stat.isDirectory()) throw new InputError(path, 'is not a directory (fs:// reads an unpacked root filesystem)');
    return { archive: new FilesystemArchive(path, path), isDirectory: true };
  }
  if (kind === 'oci-dir' && !stat.isDirectory())
    throw new InputError(path, 'is not a directory (oci-dir:// reads an OCI layout directory)', {
      hint: 'pass a tarball as archive://PATH',
    });
  if (kind === 'archive' && stat.isDirectory())
    throw new InputError(path, 'is a directory (archive:// reads a docker save or OCI tarball)', {
      hint: 'pass a layout directory as oci-dir://PATH, a root filesystem as fs://PATH',
    });
  if (stat.isDirectory()) return { archive: new DirectoryArchive(path, path), isDirectory: true };
  if (!stat.isFile()) throw new InputError(path, 'is not a regular file or directory');
  const head = Buffer.alloc(BLOCK);
  const fd = openSync(path, 'r');
  let got: number;
  try {
    got = readSync(fd, head, 0, BLOCK, 0);
  } finally {
    closeSync(fd);
  }
  const compression = sniffCompression(head.subarray(0, got), got === BLOCK && looksLikeTarHeader(head));
  if (compression === 'none') return { archive: await TarFileArchive.open(path), isDirectory: false };
  if (compression === 'gzip' || compression === 'zstd') {
    return { archive: await StreamArchive.open(path, path, compression, wants, stat.size), isDirectory: false };
  }
  throw new InputError(
    path,
    got === 0 ? 'is empty' : 'is not a tar archive (nor a gzip/zstd-compressed one, nor an OCI layout directory)',
    {
      hint: 'save an image with `docker save IMAGE -o image.tar` or `skopeo copy docker://IMAGE oci-archive:image.tar`',
    },
  );
}

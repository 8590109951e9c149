import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, readdir, readlink, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import tarStream, { type Header, type Pack } from 'tar-stream';
import { UserError } from '../errors.js';

/**
 * Writes a directory as a reproducible .tar.gz: the same tree gives the same bytes, so the
 * published sha256 can be rebuilt and checked by anyone with the same inputs.
 * - entries in byte order of their path, each under one top-level folder `prefix/`;
 * - every mtime is `mtime` (SOURCE_DATE_EPOCH), owner 0:0 with no user or group names;
 * - modes normalised to 0755 (directories, executables) or 0644, so the builder's umask
 *   and checkout leave no trace;
 * - gzip with no file name and a zero timestamp (zlib's own header).
 * Symlinks are kept only when they stay inside the tree; anything else (sockets, devices)
 * is refused, because it cannot be part of a release.
 */
export interface TreeEntry {
  /** Path inside the tree, '/'-separated, no leading slash. */
  path: string;
  kind: 'directory' | 'file' | 'symlink';
  executable: boolean;
  size: number;
  linkname?: string;
}

export async function listTree(dir: string): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  async function walk(rel: string): Promise<void> {
    for (const name of (await readdir(join(dir, rel))).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = await lstat(join(dir, path));
      if (st.isDirectory()) {
        entries.push({ path, kind: 'directory', executable: true, size: 0 });
        await walk(path);
      } else if (st.isFile()) {
        entries.push({ path, kind: 'file', executable: (st.mode & 0o111) !== 0, size: st.size });
      } else if (st.isSymbolicLink()) {
        const linkname = await readlink(join(dir, path));
        const target = posix.normalize(posix.join(posix.dirname(path), linkname));
        if (isAbsolute(linkname) || target.startsWith('../') || target === '..')
          throw new UserError(`${join(dir, path)}: symlink to ${linkname} leaves the release tree`);
        entries.push({ path, kind: 'symlink', executable: false, size: 0, linkname });
      } else {
        throw new UserError(`${join(dir, path)}: not a file, directory or symlink; it cannot go into a release`);
      }
    }
  }
  await walk('');
  // Byte order of the names as tar lists them (a directory as "name/"), so `tar -t | sort` agrees.
  const key = (e: TreeEntry) => (e.kind === 'directory' ? `${e.path}/` : e.path);
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export async function packTree(options: { dir: string; prefix: string; out: string; mtime: Date }): Promise<void> {
  const entries = await listTree(options.dir);
  const pack = tarStream.pack();
  const partial = `${options.out}.partial`;
  const written = pipeline(
    pack,
    createGzip({ level: constants.Z_BEST_COMPRESSION }),
    createWriteStream(partial, { mode: 0o644 }),
  );
  const common = { mtime: options.mtime, uid: 0, gid: 0, uname: '', gname: '' };
  try {
    await addEntry(pack, { ...common, name: `${options.prefix}/`, type: 'directory', mode: 0o755 });
    for (const e of entries) {
      const name = `${options.prefix}/${e.path}`;
      if (e.kind === 'directory') await addEntry(pack, { ...common, name: `${name}/`, type: 'directory', mode: 0o755 });
      else if (e.kind === 'symlink')
        await addEntry(pack, { ...common, name, type: 'symlink', linkname: e.linkname, mode: 0o777 });
      else
        await addEntry(
          pack,
          { ...common, name, type: 'file', size: e.size, mode: e.executable ? 0o755 : 0o644 },
          join(options.dir, e.path),
        );
    }
    pack.finalize();
    await written;
    await rename(partial, options.out);
  } catch (err) {
    pack.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw err;
  }
}

async function addEntry(pack: Pack, header: Partial<Header> & Pick<Header, 'name'>, file?: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry(header, (err) => (err ? reject(err) : resolve()));
    // Directories and symlinks have no body: tar-stream finishes those entries itself.
    if (file) createReadStream(file).on('error', reject).pipe(sink);
  });
}

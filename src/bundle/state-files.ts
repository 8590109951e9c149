import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { processAlive } from '../system/processes.js';
import { removeOnExit } from '../system/temp-space.js';

/**
 * A fresh temp path inside the state dir, so the final rename never crosses file systems.
 * Ctrl-C or SIGTERM removes it (and SQLite's journal beside it); once renamed into place
 * there is nothing left at the name to remove.
 */
export function stateTempPath(home: string, label: string): string {
  const path = join(home, `.${label}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  removeOnExit(path);
  removeOnExit(`${path}-journal`);
  return path;
}

const LEFTOVER = /^\.[a-z-]+-(\d+)-[0-9a-f]{8}\.tmp(-journal)?$/;

/**
 * Removes the temp files of airlock processes that died mid-way (`kill -9` during an
 * import leaves a full-size copy of the database): names carry the writer's pid, and a
 * file whose writer is gone is no one's. Files of live processes are left alone.
 */
export async function sweepDeadLeftovers(home: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(home).catch(() => [] as string[])) {
    const pid = Number(LEFTOVER.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    await rm(join(home, name), { force: true });
    removed.push(name);
  }
  return removed;
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames durable; some file systems refuse fsync on a directory, which is harmless. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Replaces `target` with `replacement` and keeps the old `target` at `keep`, such that at
 * every instant `target` is either the old or the new file, never missing: the old file is
 * hard-linked to a temp name, renamed over `keep`, then `replacement` is renamed over `target`.
 */
export async function replaceKeepingPrevious(
  home: string,
  target: string,
  replacement: string,
  keep: string,
): Promise<void> {
  const held = stateTempPath(home, 'previous');
  let hasOld = true;
  try {
    await link(target, held);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    hasOld = false;
  }
  try {
    if (hasOld) await rename(held, keep);
    await rename(replacement, target);
  } finally {
    await rm(held, { force: true });
  }
  await fsyncDir(home);
}

/** One import or rollback at a time per state dir; a lock left by a dead process is taken over. */
export async function withStateLock<T>(home: string, body: () => Promise<T>): Promise<T> {
  const lock = join(home, 'db.lock');
  if (!(await tryCreateLock(lock))) {
    const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
    const hint = `wait for it to finish; if no airlock runs, delete ${lock}`;
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid))
      throw new UserError(`another airlock process (pid ${pid}) is changing the advisory database`, { hint });
    await rm(lock, { force: true });
    if (!(await tryCreateLock(lock)))
      throw new UserError('another airlock process is changing the advisory database', { hint });
  }
  // Ctrl-C or SIGTERM releases it too; untracked once released, so a later owner's lock is never removed.
  const untrack = removeOnExit(lock);
  try {
    return await body();
  } finally {
    await rm(lock, { force: true });
    untrack();
  }
}

async function tryCreateLock(lock: string): Promise<boolean> {
  try {
    const handle = await open(lock, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

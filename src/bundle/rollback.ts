import { link, rename, rm, stat } from 'node:fs/promises';
import type { StatePaths } from '../config/paths.js';
import { UserError } from '../errors.js';
import { readInstalledMeta, type InstalledMeta } from './meta.js';
import { fsyncDir, stateTempPath, withStateLock } from './state-files.js';

export interface RollbackResult {
  restored: InstalledMeta;
  /** The database that was installed before the rollback; it becomes the new `previous`. */
  replaced?: InstalledMeta;
}

/**
 * Swaps the installed and the previous database, so a second rollback undoes the first.
 * The installed path always names a complete database: the current file is hard-linked
 * aside before the previous one is renamed over it.
 */
export async function rollbackDatabase(paths: StatePaths): Promise<RollbackResult> {
  if (!(await stat(paths.previousAdvisoryDb).catch(() => undefined))) {
    throw new UserError('there is no previous advisory database to roll back to', {
      hint: 'a previous database exists only after a second `airlock db import`',
    });
  }
  return withStateLock(paths.home, async () => {
    const restored = await readInstalledMeta(paths.previousAdvisoryDb);
    const replaced = await readInstalledMeta(paths.advisoryDb).catch(() => undefined);
    const held = stateTempPath(paths.home, 'rollback');
    const hasCurrent = await link(paths.advisoryDb, held).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    try {
      await rename(paths.previousAdvisoryDb, paths.advisoryDb);
      if (hasCurrent) await rename(held, paths.previousAdvisoryDb);
    } finally {
      await rm(held, { force: true });
    }
    await fsyncDir(paths.home);
    return { restored, replaced };
  });
}

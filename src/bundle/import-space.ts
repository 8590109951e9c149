/**
 * The disk an import needs, checked before it starts. The new database is unpacked beside the
 * installed one and the previous one (kept for `db rollback`), so the import needs the bundle's
 * declared unpacked size free in $AIRLOCK_HOME on top of them; once it is in place the old
 * previous is gone and the old installed database is the new previous. When only the previous
 * database stands in the way, it is removed first (the import's success makes it obsolete
 * anyway: rollback then restores the database installed now), with a warning.
 */
import { rm, stat, statfs } from 'node:fs/promises';
import { UserError } from '../errors.js';

/** Room for the journal of writing bundle_meta (a few pages) and the file system's own blocks. */
const SLACK_BYTES = 1 << 20;

export interface ImportSpace {
  /** Bytes the import writes: the unpacked database plus slack. */
  needed: number;
  /** Bytes free to this user in the state directory before the import. */
  available: number;
  /** Set when the previous database was removed to make room. */
  removedPrevious?: number;
}

export async function ensureImportSpace(
  home: string,
  unpackedBytes: number,
  previousDb: string,
  freeBytes: (dir: string) => Promise<number> = availableBytes,
): Promise<ImportSpace> {
  const needed = unpackedBytes + SLACK_BYTES;
  const available = await freeBytes(home);
  if (available >= needed) return { needed, available };
  const previous = (await stat(previousDb).catch(() => undefined))?.size ?? 0;
  if (previous > 0 && available + previous >= needed) {
    await rm(previousDb, { force: true });
    return { needed, available, removedPrevious: previous };
  }
  throw new UserError(
    `not enough free space in ${home} for the import: it needs ${mb(needed)} (the unpacked database), ${mb(available)} is available`,
    {
      hint: `free ${mb(needed - available - previous)} there, or point AIRLOCK_HOME at a larger disk; the installed database stays as it is`,
    },
  );
}

export async function availableBytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

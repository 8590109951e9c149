import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { availableBytes, ensureImportSpace } from './import-space.js';

const MiB = 1 << 20;
const SLACK = MiB;

async function stateWithPrevious(bytes: number): Promise<{ home: string; previous: string }> {
  const home = await mkdtemp(join(tmpdir(), 'airlock-space-'));
  const previous = join(home, 'advisories.previous.db');
  if (bytes > 0) await writeFile(previous, Buffer.alloc(bytes));
  return { home, previous };
}

describe('the disk a db import needs', () => {
  it('is the declared unpacked size plus slack, checked against what statfs says is free', async () => {
    const { home, previous } = await stateWithPrevious(4 * MiB);
    const free = await availableBytes(home);
    expect(free).toBeGreaterThan(0);
    const space = await ensureImportSpace(home, 10 * MiB, previous);
    expect(space).toEqual({ needed: 10 * MiB + SLACK, available: free });
    expect(existsSync(previous)).toBe(true);
  });

  it('removes the previous database first when that alone makes room, and says how much', async () => {
    const { home, previous } = await stateWithPrevious(8 * MiB);
    const space = await ensureImportSpace(home, 100 * MiB, previous, async () => 100 * MiB + SLACK - 4 * MiB);
    expect(space.removedPrevious).toBe(8 * MiB);
    expect(existsSync(previous)).toBe(false);
  });

  it('refuses before writing anything, with one line stating needed and available', async () => {
    const { home, previous } = await stateWithPrevious(2 * MiB);
    const attempt = ensureImportSpace(home, 1000 * MiB, previous, async () => 300 * MiB);
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(
      `not enough free space in ${home} for the import: it needs 1049.6 MB (the unpacked database), 314.6 MB is available`,
    );
    // Too little even without it: the previous database is kept for rollback.
    expect(existsSync(previous)).toBe(true);
  });
});

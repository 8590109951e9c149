import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceKeepingPrevious } from './state-files.js';
import { tempDir } from './testdata/fixtures.js';

describe('replaceKeepingPrevious', () => {
  it('when the final rename fails, the installed file is still the old one', async () => {
    const home = await tempDir('swap');
    await mkdir(home, { recursive: true });
    const target = join(home, 'advisories.db');
    const keep = join(home, 'advisories.prev.db');
    await writeFile(target, 'old database');
    await expect(replaceKeepingPrevious(home, target, join(home, 'vanished.tmp'), keep)).rejects.toThrow(/ENOENT/);
    expect(await readFile(target, 'utf8')).toBe('old database');
    expect(await readFile(keep, 'utf8')).toBe('old database');
    expect((await readdir(home)).sort()).toEqual(['advisories.db', 'advisories.prev.db']);
  });

  it('replaces the target and moves the old one to keep', async () => {
    const home = await tempDir('swap');
    const target = join(home, 'advisories.db');
    const keep = join(home, 'advisories.prev.db');
    const next = join(home, 'next.tmp');
    await writeFile(target, 'old');
    await writeFile(keep, 'older');
    await writeFile(next, 'new');
    await replaceKeepingPrevious(home, target, next, keep);
    expect([await readFile(target, 'utf8'), await readFile(keep, 'utf8')]).toEqual(['new', 'old']);
    expect((await readdir(home)).sort()).toEqual(['advisories.db', 'advisories.prev.db']);
  });
});

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packTree } from './pack.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The same tree, made at a different time with different permissions each call. */
function makeTree(mode: number, when: Date): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-pack-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'lib', 'json'), { recursive: true });
  writeFileSync(join(dir, 'bin', 'tool'), '#!/bin/sh\necho hi\n');
  chmodSync(join(dir, 'bin', 'tool'), 0o700 | (mode & 0o055));
  writeFileSync(join(dir, 'lib', 'json-schema.js'), 'a');
  writeFileSync(join(dir, 'lib', 'json', 'x.js'), 'b');
  writeFileSync(join(dir, 'lib', 'empty'), '');
  chmodSync(join(dir, 'lib', 'json-schema.js'), mode);
  symlinkSync('json/x.js', join(dir, 'lib', 'alias.js'));
  for (const f of ['bin/tool', 'lib/json-schema.js', 'lib/json/x.js', 'lib/empty', 'lib'])
    utimesSync(join(dir, f), when, when);
  return dir;
}

describe('packTree', () => {
  it('gives the same bytes for the same tree whatever its mtimes, permissions or the time of the build', async () => {
    const a = makeTree(0o600, new Date('2020-01-01T00:00:00Z'));
    const b = makeTree(0o664, new Date('2024-05-05T12:00:00Z'));
    const mtime = new Date(1_700_000_000_000);
    await packTree({ dir: a, prefix: 'app-1', out: join(a, '..', `${a.split('/').pop()}.tgz`), mtime });
    await new Promise((r) => setTimeout(r, 1100)); // a second later: nothing of "now" may leak in
    await packTree({ dir: b, prefix: 'app-1', out: join(b, '..', `${b.split('/').pop()}.tgz`), mtime });
    const [ta, tb] = [a, b].map((d) => join(d, '..', `${d.split('/').pop()}.tgz`));
    dirs.push(ta, tb);
    expect(readFileSync(ta).equals(readFileSync(tb))).toBe(true);
    const listing = execFileSync('tar', ['-tzvf', ta], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(
      listing
        .split('\n')
        .filter(Boolean)
        .map((l) =>
          l
            .split(/\s+/)
            .filter((_, i) => i !== 2)
            .join(' '),
        ),
    ).toEqual([
      'drwxr-xr-x 0/0 2023-11-14 22:13 app-1/',
      'drwxr-xr-x 0/0 2023-11-14 22:13 app-1/bin/',
      '-rwxr-xr-x 0/0 2023-11-14 22:13 app-1/bin/tool',
      'drwxr-xr-x 0/0 2023-11-14 22:13 app-1/lib/',
      'lrwxrwxrwx 0/0 2023-11-14 22:13 app-1/lib/alias.js -> json/x.js',
      '-rw-r--r-- 0/0 2023-11-14 22:13 app-1/lib/empty',
      '-rw-r--r-- 0/0 2023-11-14 22:13 app-1/lib/json-schema.js',
      'drwxr-xr-x 0/0 2023-11-14 22:13 app-1/lib/json/',
      '-rw-r--r-- 0/0 2023-11-14 22:13 app-1/lib/json/x.js',
    ]);
    // gzip header: no file name flag, MTIME zero.
    const head = readFileSync(ta).subarray(0, 10);
    expect([head[3] & 0x08, head.readUInt32LE(4)]).toEqual([0, 0]);
  });

  it('refuses a symlink that leaves the tree and leaves no partial file', async () => {
    const dir = makeTree(0o644, new Date());
    symlinkSync('../../etc/passwd', join(dir, 'lib', 'escape'));
    const out = join(dir, '..', `${dir.split('/').pop()}.tgz`);
    await expect(packTree({ dir, prefix: 'x', out, mtime: new Date(0) })).rejects.toThrow(
      `${join(dir, 'lib', 'escape')}: symlink to ../../etc/passwd leaves the release tree`,
    );
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
    expect(() => readFileSync(`${out}.partial`)).toThrow(/ENOENT/);
  });
});

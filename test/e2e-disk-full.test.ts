/**
 * Issue 11, silent failures: a full disk is "no space left on device writing FILE"
 * (exit 1), wherever airlock writes — the -o report, the spilled copy of a jar in
 * TMPDIR, the database `db import` unpacks, the snapshot store — and `scan --no-store`
 * needs no writable AIRLOCK_HOME. Each disk is a real tmpfs of a few KiB, mounted in a
 * temp directory this test made (the test runs as root, like the fixture builder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shared } from './support/fixtures.js';
import { dockerClassicTar, tempDir, writeTemp } from './support/image-builder.js';

const cli = join(process.cwd(), 'bin/run.js');
const REAL_IMAGE = `${shared}/images/debian-bookworm-minbase.oci.tar`;
const mounted: string[] = [];

/** A fresh tmpfs of `size` under a temp directory of ours. */
function tmpfs(size: string): string {
  const dir = join(tempDir('airlock-disk-'), 'mnt');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]);
  } catch (err) {
    throw new Error(
      `these tests mount a small tmpfs and must run as root (mount -t tmpfs failed: ${(err as Error).message})`,
    );
  }
  mounted.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of mounted.reverse()) execFileSync('umount', [dir]);
});

function airlock(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_HOME: tempDir('airlock-home-'), ...env },
    timeout: 120_000,
  });
}

function firstLine(stderr: string): string {
  return stderr.split('\n')[0];
}

let jarImage: string;
beforeAll(async () => {
  // 256 KiB that do not compress: its spilled copy cannot fit a 64 KiB TMPDIR.
  jarImage = writeTemp(
    await dockerClassicTar({ layers: [[{ path: 'opt/app.jar', content: randomBytes(256 << 10) }]] }),
    'jar.tar',
  );
});

describe('a full disk', () => {
  it('writing the -o report: says so, leaves nothing there', () => {
    const disk = tmpfs('64k');
    const out = join(disk, 'sbom.json');
    const result = airlock(['sbom', REAL_IMAGE, '--format', 'json', '-o', out], {});
    expect(result.status).toBe(1);
    expect(firstLine(result.stderr)).toBe(`error: no space left on device writing ${out}`);
    expect(readdirSync(disk)).toEqual([]);
  });

  it("spilling a jar to TMPDIR: stops the scan instead of a warning that leaves the jar's packages out", () => {
    const disk = tmpfs('64k');
    const result = airlock(['sbom', jarImage, '--format', 'json'], { TMPDIR: disk });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(firstLine(result.stderr)).toMatch(
      new RegExp(
        `^error: no space left on device writing ${disk}/airlock-\\d+-\\d+-\\w+/1-app\\.jar \\(a temporary copy of /opt/app\\.jar\\)$`,
      ),
    );
  });

  it('db import on a disk too small for the unpacked database: refuses before writing, needed vs available', () => {
    const home = tmpfs('64k');
    const result = airlock(['db', 'import', 'bundles/sample'], { AIRLOCK_HOME: home, AIRLOCK_ALLOW_DEMO_KEY: '1' });
    expect(result.status).toBe(1);
    expect(firstLine(result.stderr)).toMatch(
      new RegExp(
        `^error: not enough free space in ${home} for the import: it needs 11\\.3 MB \\(the unpacked database\\), 0\\.\\d MB is available$`,
      ),
    );
    expect(readdirSync(home)).toEqual([]);
  });

  it('storing the snapshot: names snapshots.db', () => {
    const home = tmpfs('16m');
    expect(
      airlock(['db', 'import', 'bundles/sample'], { AIRLOCK_HOME: home, AIRLOCK_ALLOW_DEMO_KEY: '1' }).status,
    ).toBe(0);
    spawnSync('dd', ['if=/dev/zero', `of=${join(home, 'filler')}`, 'bs=4k']); // fills the disk; dd exits 1 then
    const result = airlock(['scan', REAL_IMAGE], { AIRLOCK_HOME: home });
    expect(result.status).toBe(1);
    expect(firstLine(result.stderr)).toBe(`error: no space left on device writing ${join(home, 'snapshots.db')}`);
  });
});

describe('scan --no-store', () => {
  it('works with a read-only AIRLOCK_HOME', () => {
    const home = tmpfs('16m');
    expect(
      airlock(['db', 'import', 'bundles/sample'], { AIRLOCK_HOME: home, AIRLOCK_ALLOW_DEMO_KEY: '1' }).status,
    ).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', home]);
    expect(() => writeFileSync(join(home, 'probe'), '')).toThrow(/EROFS/);
    const result = airlock(['scan', '--no-store', REAL_IMAGE], { AIRLOCK_HOME: home });
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/debian-bookworm-minbase\.oci\.tar/);
    expect(readdirSync(home).sort()).toEqual(['advisories.db', 'trusted-state.json']);
  });
});

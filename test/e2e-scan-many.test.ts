/**
 * `scan` of several images (issue 13): a directory of test-built Alpine images and one
 * truncated tarball, read two at a time in worker threads by the real CLI, against a
 * database built from the real Alpine secdb of ../shared/feeds. Each image's report must be
 * exactly what a `scan` of that image alone prints, in the order the images are named; the
 * broken one fails on its own line while the others are still stored.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundleMeta } from '../src/db/bundle-meta.js';
import { buildAdvisoryDatabase } from '../src/db/build.js';
import { openAdvisoryDb } from '../src/db/open.js';
import { allImporters } from '../src/feeds/registry.js';
import { alpineImageTar } from './support/alpine-image.js';
import { shared } from './support/fixtures.js';

const cli = path.join(process.cwd(), 'bin/run.js');
let dir: string;
let images: string;
let dbFile: string;

function airlock(home: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, AIRLOCK_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freshHome(name: string): string {
  const home = path.join(dir, name);
  mkdirSync(home);
  return home;
}

/** The report of each image: stdout split at the headings, keyed by the image path. */
function blocks(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = stdout.split(/^== \[\d+\/\d+\] (.*)\n/m).slice(1);
  for (let i = 0; i < parts.length; i += 2)
    out.set(parts[i]!, parts[i + 1]!.replace(/(^|\n)Scanned \d+ of [^]*$/, '$1').replace(/\n\n$/, '\n'));
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-scan-many-'));
  const feeds = path.join(dir, 'feeds');
  cpSync(path.join(shared, 'feeds/alpine-secdb'), path.join(feeds, 'alpine-secdb'), { recursive: true });
  dbFile = path.join(dir, 'advisories.db');
  await buildAdvisoryDatabase({ feedsDir: feeds, outFile: dbFile, importers: allImporters });
  const db = await openAdvisoryDb(dbFile, { readonly: false });
  const now = new Date();
  await writeBundleMeta(db, {
    sequence: 3,
    created: now.toISOString(),
    expires: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    signerKeyId: 'e767d52284b29c32',
    formatVersion: 1,
    schemaVersion: 4,
  });
  await db.destroy();
  images = path.join(dir, 'images');
  mkdirSync(images);
  for (const version of ['3.19.4', '3.20.3']) {
    const tar = await alpineImageTar(version);
    copyFileSync(tar, path.join(images, `alpine-${version}.tar`));
    rmSync(path.dirname(tar), { recursive: true, force: true });
  }
  // Cut inside the first tar header block: the archive ends before its manifest.
  writeFileSync(path.join(images, 'broken.tar'), readFileSync(path.join(images, 'alpine-3.20.3.tar')).subarray(0, 300));
  writeFileSync(path.join(images, 'NOTES.txt'), 'not an image\n');
  copyFileSync(path.join(images, 'alpine-3.20.3.tar'), path.join(images, '.hidden.tar'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan of a directory of images', () => {
  let many: ReturnType<typeof airlock>;
  let home: string;
  beforeAll(() => {
    home = freshHome('many');
    many = airlock(home, ['scan', images, '--parallel', '2', '--db', dbFile]);
  }, 240_000);

  it('reports each image under its heading, in name order, skipping hidden and non-image files', () => {
    expect([...blocks(many.stdout).keys()]).toEqual(
      ['alpine-3.19.4.tar', 'alpine-3.20.3.tar', 'broken.tar'].map((n) => path.join(images, n)),
    );
  });

  it('prints for each good image exactly what a scan of it alone prints, and stores it', () => {
    const got = blocks(many.stdout);
    for (const name of ['alpine-3.19.4.tar', 'alpine-3.20.3.tar']) {
      const alone = airlock(freshHome(`alone-${name}`), ['scan', path.join(images, name), '--db', dbFile]);
      expect(alone.code).toBe(0);
      expect(got.get(path.join(images, name))).toBe(alone.stdout);
      expect(alone.stdout).toMatch(/^Stored [0-9a-f]{12}: alpine:3\.\d+\.\d$/m);
    }
    const listed = airlock(home, ['images']);
    expect(listed.stdout).toContain('alpine:3.19.4');
    expect(listed.stdout).toContain('alpine:3.20.3');
  });

  it('names the broken tarball in one error line, summarises the rate, and exits 1', () => {
    expect(many.code).toBe(1);
    expect(many.stderr).toMatch(
      new RegExp(`^error: ${path.join(images, 'broken.tar').replace(/[.]/g, '\\.')}: .+$`, 'm'),
    );
    expect(many.stderr).toContain('error: 1 of 3 images could not be scanned');
    expect(many.stderr).not.toMatch(/^\s+at /m);
    expect(many.stdout).toMatch(/^Scanned 2 of 3 images in \d+\.\d s \(\d+\.\d images per minute, 2 at a time\)$/m);
  });

  it('reads one image at a time in the main thread with --parallel 1, to the same reports', () => {
    const serial = airlock(freshHome('serial'), ['scan', images, '--parallel', '1', '--db', dbFile]);
    expect(serial.code).toBe(1);
    expect(blocks(serial.stdout)).toEqual(blocks(many.stdout));
    expect(serial.stdout).toMatch(/images per minute, 1 at a time\)$/m);
  }, 240_000);
});

describe('refusals', () => {
  it('refuses --name for several images before reading any', () => {
    const r = airlock(freshHome('named'), [
      'scan',
      path.join(images, 'alpine-3.19.4.tar'),
      path.join(images, 'alpine-3.20.3.tar'),
      '--name',
      'x:1',
      '--db',
      dbFile,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: --name names one image, and 2 are being scanned\n' +
        'hint: scan the image to be named on its own, or name images afterwards with a scan of that image alone\n',
    );
  });

  it('says so for a directory with no image in it', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'README'), 'nothing\n');
    const r = airlock(freshHome('empty-home'), ['scan', empty, '--db', dbFile]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`error: ${empty}: no image tarball or OCI layout directory in it`);
  });
});

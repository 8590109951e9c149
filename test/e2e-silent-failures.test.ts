/**
 * Issue 11, silent failures: a gzip layer with one corrupted deflate block used to
 * leave a promise unsettled (Node's exit 13, no message). Every failure is one line
 * naming the file and the layer, with exit 1, in the seeking path (an uncompressed
 * archive holding gzip layers) and the one-pass path (the archive gzipped whole).
 * Runs the built CLI (`npm run build` first), as exit codes are the process's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { shared } from './support/fixtures.js';
import { tempDir } from './support/image-builder.js';

const cli = join(process.cwd(), 'bin/run.js');
const REAL_IMAGE = `${shared}/images/debian-bookworm-minbase.oci.tar`;

function airlock(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_HOME: tempDir('airlock-home-'), ...env },
    timeout: 120_000,
  });
}

/** The offset and size of a tar member, from its ustar headers. */
function memberOf(tar: Buffer, name: string): { offset: number; size: number } {
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const entry = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('latin1').trim(), 8) || 0;
    if (entry === name) return { offset: off + 512, size };
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} not in the archive`);
}

let layerName: string;
let seekable: string;
let onePass: string;

beforeAll(() => {
  const image = Buffer.from(readFileSync(REAL_IMAGE));
  const index = JSON.parse(
    image.subarray(memberOf(image, 'index.json').offset).subarray(0, memberOf(image, 'index.json').size).toString(),
  );
  const m = memberOf(image, `blobs/sha256/${index.manifests[0].digest.slice(7)}`);
  const manifest = JSON.parse(image.subarray(m.offset, m.offset + m.size).toString());
  layerName = `blobs/sha256/${manifest.layers[0].digest.slice(7)}`;
  const layer = memberOf(image, layerName);
  // 4 KiB of 0xff in the middle of the deflate stream: a block of the reserved type 3.
  image.fill(0xff, layer.offset + Math.floor(layer.size / 2), layer.offset + Math.floor(layer.size / 2) + 4096);
  const dir = tempDir('airlock-corrupt-');
  seekable = join(dir, 'corrupt-block.oci.tar');
  onePass = join(dir, 'corrupt-block.oci.tar.gz');
  writeFileSync(seekable, image);
  writeFileSync(onePass, gzipSync(image, { level: 1 }));
});

describe('a gzip layer with one corrupted deflate block', () => {
  it.each([
    ['seekable archive', () => seekable],
    ['archive gzipped whole', () => onePass],
  ])('%s: one line naming file and layer, exit 1', (_, file) => {
    const result = airlock(['sbom', file()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `error: ${file()}: layer ${layerName}: corrupt or truncated compressed data (invalid block type)`,
    ]);
  });
});

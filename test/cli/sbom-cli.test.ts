import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dockerClassicTar, tempDir, writeTemp } from '../support/image-builder.js';
import { shared } from '../support/fixtures.js';

/** Runs the built CLI (npm test builds dist/ before vitest runs). */
function airlock(...args: string[]) {
  const out = spawnSync(process.execPath, [join(process.cwd(), 'bin/run.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_DEBUG: '' },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('airlock sbom, the command', () => {
  it('writes CycloneDX for the real Debian image to --output and nothing to stdout', () => {
    const dir = tempDir();
    const out = join(dir, 'debian.cdx.json');
    const run = airlock(
      'sbom',
      join(shared, 'images/debian-bookworm-minbase.oci.tar'),
      '--format',
      'cyclonedx',
      '--output',
      out,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const bom = JSON.parse(readFileSync(out, 'utf8'));
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.filter((c: { purl?: string }) => c.purl?.startsWith('pkg:deb/debian/'))).toHaveLength(88);
    expect(readdirSync(dir)).toEqual(['debian.cdx.json']); // no temporary file left beside it
  });

  it('refuses a truncated tarball with one line, exit 1, no stack trace and no output file', async () => {
    const full = await dockerClassicTar({ layers: [[{ path: 'etc/big', content: 'z'.repeat(100_000) }]] });
    const bad = writeTemp(full.subarray(0, 50_000), 'cut.tar');
    const out = join(tempDir(), 'never.json');
    const run = airlock('sbom', bad, '--format', 'json', '--output', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a valid tar archive: truncated`),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack frames
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('says which images an archive holds when --image names none of them', async () => {
    const path = writeTemp(
      await dockerClassicTar({ repoTags: ['shop/api:2.1'], layers: [[{ path: 'etc/x', content: 'x' }]] }),
      'one.tar',
    );
    const run = airlock('sbom', path, '--image', 'shop/web:1');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`error: ${path}: has no image named shop/web:1; it holds: shop/api:2.1`);
  });
});

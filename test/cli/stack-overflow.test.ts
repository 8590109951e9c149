/**
 * Issue 11: a stack overflow on deep input ("Maximum call stack size exceeded") is a
 * fact about the input, so it is one line naming the input, exit 1 — never "internal
 * error" (exit 70). The recursion here is real; only the command around it is a stand-in.
 */
import { describe, expect, it } from 'vitest';
import { Args } from '@oclif/core';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BaseCommand } from '../../src/commands/base-command.js';
import { run } from '../support/run-command.js';
import { tempDir, writeTemp, dockerClassicTar } from '../support/image-builder.js';

/** Nests as deep as the input says, the way a recursive parser would. */
function depthOf(value: unknown): number {
  return Array.isArray(value) ? 1 + depthOf(value[0]) : 0;
}

class ReadsNested extends BaseCommand {
  static override args = { file: Args.string({ required: true }) };
  async run(): Promise<void> {
    const { args } = await this.parse(ReadsNested);
    let nested: unknown = [];
    for (let i = 0; i < 1_000_000; i++) nested = [nested];
    this.log(`${args.file}: depth ${depthOf(nested)}`);
  }
}

describe('stack overflow on input', () => {
  it('BaseCommand maps it to one line naming the input, exit 1', async () => {
    const result = await run(ReadsNested, ['deep.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: deep.json: nested too deeply to read (maximum call stack size exceeded)\n');
  });

  it('an image whose directories nest 100,000 deep is never an internal error', async () => {
    const path = `${Array.from({ length: 100_000 }, () => 'a').join('/')}/f`;
    const file = writeTemp(await dockerClassicTar({ layers: [[{ path, content: 'x' }]] }), 'deep.tar');
    const result = spawnSync(process.execPath, [join(process.cwd(), 'bin/run.js'), 'sbom', file], {
      encoding: 'utf8',
      env: { ...process.env, AIRLOCK_HOME: tempDir('airlock-home-') },
      timeout: 120_000,
    });
    expect(result.stderr).not.toMatch(/internal error|RangeError| {4}at /);
    expect(result.status === 0 || result.status === 1).toBe(true);
    if (result.status === 1)
      expect(result.stderr.trim().split('\n')[0]).toMatch(
        new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
      );
  });
});

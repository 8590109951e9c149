/**
 * readElfNeeds against binutils' objdump (the oracle; .ci/install-oracles.sh installs
 * binutils) on real binaries: the Node running this test and the sqlite3 addon npm ci compiled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EM_X86_64, highestVersion, isElf, readElfNeeds } from './elf.js';

function objdumpNeeds(file: string): { needed: string[]; versions: Record<string, string[]> } {
  if (spawnSync('objdump', ['--version']).status !== 0)
    throw new Error('objdump is missing: install Debian package binutils (bash .ci/install-oracles.sh)');
  const text = execFileSync('objdump', ['-p', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const needed = [...text.matchAll(/^\s+NEEDED\s+(\S+)$/gm)].map((m) => m[1]);
  const versions: Record<string, string[]> = {};
  let lib = '';
  for (const line of text.slice(text.indexOf('Version References:')).split('\n').slice(1)) {
    const from = /^\s+required from (\S+):$/.exec(line);
    const version = /^\s+0x[0-9a-f]+ 0x[0-9a-f]+ \d+ (\S+)$/.exec(line);
    if (from) versions[(lib = from[1])] = [];
    else if (version) versions[lib].push(version[1]);
    else break;
  }
  return { needed, versions };
}

const addon = resolve(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  'sqlite3',
  'build',
  'Release',
  'node_sqlite3.node',
);

describe('readElfNeeds', () => {
  for (const [label, file] of [
    ['the running Node', process.execPath],
    ['the compiled sqlite3 addon', addon],
  ]) {
    it(`reads the libraries and symbol versions of ${label} as objdump does`, async () => {
      const needs = await readElfNeeds(file);
      const oracle = objdumpNeeds(file);
      expect(needs.machine).toBe(EM_X86_64);
      expect(needs.needed).toEqual(oracle.needed);
      expect(needs.versions).toEqual(oracle.versions);
      expect(highestVersion([needs], 'GLIBC')).toMatch(/^GLIBC_2\.\d+$/);
    });
  }

  it('orders versions numerically (2.34 above 2.4) and tells ELF files from scripts', async () => {
    const fake = {
      machine: EM_X86_64,
      needed: [],
      versions: { 'libc.so.6': ['GLIBC_2.4', 'GLIBC_2.34', 'GLIBC_2.2.5', 'GLIBC_PRIVATE'] },
    };
    expect(highestVersion([fake], 'GLIBC')).toBe('GLIBC_2.34');
    expect([await isElf(process.execPath), await isElf(resolve(import.meta.dirname, 'elf.ts'))]).toEqual([true, false]);
  });
});

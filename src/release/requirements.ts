import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { EM_X86_64, highestVersion, isElf, readElfNeeds, type ElfNeeds } from './elf.js';
import { listTree } from './pack.js';

/**
 * What the target machine must provide, computed from every ELF file in the staged release
 * (the Node binary, native addons). Only the C and C++ runtime that every glibc distribution
 * installs may be linked; anything else (libnode, libuv, libssl of a distribution's own
 * nodejs) would be missing on the appliance, so the build refuses it.
 */
const SYSTEM_LIBRARIES = new Set([
  'libc.so.6',
  'libm.so.6',
  'libdl.so.2',
  'libpthread.so.0',
  'librt.so.1',
  'libstdc++.so.6',
  'libgcc_s.so.1',
  'ld-linux-x86-64.so.2',
]);

/**
 * The binaries Node runs: itself and native addons (`*.node`, loaded by process.dlopen).
 * Packages may also carry binaries for other runtimes (bare-fs's `*.bare` prebuilds for
 * the Bare runtime) that Node never loads; they say nothing about the target.
 */
function loadedByNode(path: string): boolean {
  return path === 'node/bin/node' || path.endsWith('.node');
}

export interface TargetRequirements {
  glibc: string;
  glibcxx?: string;
  binaries: string[];
}

export async function targetRequirements(stageDir: string): Promise<TargetRequirements> {
  const all: ElfNeeds[] = [];
  const binaries: string[] = [];
  for (const entry of await listTree(stageDir)) {
    const file = join(stageDir, entry.path);
    if (entry.kind !== 'file' || !loadedByNode(entry.path) || entry.size < 64 || !(await isElf(file))) continue;
    const needs = await readElfNeeds(file);
    // node-gyp-build picks prebuilds/<platform>-<arch>/ by folder; the other platforms' never load.
    if (needs.machine !== EM_X86_64 && /(^|\/)prebuilds\//.test(entry.path)) continue;
    if (needs.machine !== EM_X86_64)
      throw new UserError(
        `${entry.path}: an ELF file for machine ${needs.machine}, not x86-64; a linux-x64 release cannot run it`,
      );
    const foreign = needs.needed.filter((lib) => !SYSTEM_LIBRARIES.has(lib));
    if (foreign.length) {
      throw new UserError(`${entry.path} links ${foreign.join(', ')}, which an appliance may not have`, {
        hint: 'ship a self-contained Node build (the official linux-x64 tarball or NodeSource), via AIRLOCK_RELEASE_NODE',
      });
    }
    all.push(needs);
    binaries.push(entry.path);
  }
  const glibc = highestVersion(all, 'GLIBC');
  if (!glibc) throw new UserError(`${stageDir}: no ELF binary needing glibc found; is the Node runtime missing?`);
  return {
    glibc: glibc.slice('GLIBC_'.length),
    glibcxx: highestVersion(all, 'GLIBCXX')?.slice('GLIBCXX_'.length),
    binaries,
  };
}

export async function writeRequirements(stageDir: string, req: TargetRequirements): Promise<void> {
  const lines = [
    'airlock for linux-x64 needs on the target machine:',
    '  Linux on x86-64 (amd64), kernel 4.18 or newer',
    `  glibc ${req.glibc} or newer`,
    ...(req.glibcxx ? [`  libstdc++.so.6 with GLIBCXX_${req.glibcxx} (GCC's C++ runtime)`] : []),
    '  /bin/sh, readlink and dirname (for bin/airlock)',
    'and nothing else: no network, no Node, no npm, no compiler.',
    `Computed from: ${req.binaries.join(', ')}`,
    '',
  ];
  await writeFile(join(stageDir, 'REQUIREMENTS.txt'), lines.join('\n'));
}

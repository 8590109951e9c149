// A zstd-compressed copy of a classic docker-archive, for the zstd column of bench-sbom:
// every layer.tar compressed in place with `zstd -3` (the default level of `docker buildx
// --output compression=zstd`). The config's diff_ids stay true: they hash the uncompressed layers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function zstdImage(source, target) {
  if (existsSync(target)) return target;
  const dir = mkdtempSync(join(tmpdir(), 'bench-zstd-image-'));
  try {
    const order = execFileSync('tar', ['-tf', source], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .trim()
      .split('\n');
    execFileSync('tar', ['-xf', source, '-C', dir]);
    for (const entry of order.filter((e) => e.endsWith('/layer.tar'))) {
      const layer = join(dir, entry);
      execFileSync('zstd', ['-q', '-3', '-T2', '-f', layer, '-o', `${layer}.zst`]);
      renameSync(`${layer}.zst`, layer);
    }
    execFileSync('tar', ['-cf', `${target}.part`, '--owner=0', '--group=0', '--no-recursion', '-C', dir, ...order]);
    renameSync(`${target}.part`, target);
    return target;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

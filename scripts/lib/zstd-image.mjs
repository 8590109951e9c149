// A zstd-compressed copy of a docker-archive, for the zstd row of bench-sbom: the whole
// tarball compressed with `zstd -3`, as app.docker.tar.gz is the whole tarball gzipped, so
// that `zstd -dc` of it is the floor just as `gzip -dc` is for the gzip one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

export function zstdImage(source, target) {
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  execFileSync('zstd', ['-q', '-3', '-f', source, '-o', `${target}.part`]);
  renameSync(`${target}.part`, target);
  return target;
}

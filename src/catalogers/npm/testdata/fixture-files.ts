import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where ../shared/tools/make-fixture-images.sh put the images (as test/support/fixtures.ts, which src/ cannot import). */
export const FIXTURES = process.env.AIRLOCK_FIXTURES ?? '/tmp/fixtures';

export function fixtureImage(name: string): string {
  const file = path.join(FIXTURES, name);
  if (!existsSync(file))
    throw new Error(`${file} is missing: run scripts/ensure-fixtures (npm test does) to build the fixture images`);
  return file;
}

/** Rows of a truth TSV file (header included) as arrays of columns. */
export function truthTsv(image: string, file: string): string[][] {
  return readFileSync(path.join(FIXTURES, `${image}.truth`, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

/**
 * Test scaffolding: real files from one layer of a fixture image built by
 * ../shared/tools/make-fixture-images.sh (a classic `docker save` tar), extracted with
 * tar(1) at test time. Members are image paths without the leading slash.
 */
export function layerFiles(image: string, layerIndex: number, members: string[]): Record<string, Buffer> {
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', image, 'manifest.json']).toString('utf8'));
  const layer: string = manifest[0].Layers[layerIndex];
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-fixture-files-'));
  try {
    execFileSync(
      'bash',
      ['-c', 'tar -xOf "$1" "$2" | tar -x -C "$3" -f - "${@:4}"', 'bash', image, layer, dir, ...members],
      { shell: false },
    );
    return Object.fromEntries(members.map((m) => [m, readFileSync(path.join(dir, m))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

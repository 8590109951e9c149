import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared beside the project root (CI lays it there too). */
export const shared = resolve(process.cwd(), '..', 'shared');
/** Images built by ../shared/tools/make-fixture-images.sh (scripts/ensure-fixtures runs it before the tests). */
export const fixtures = process.env.AIRLOCK_FIXTURES ?? '/tmp/fixtures';

export function fixture(name: string): string {
  const path = join(fixtures, name);
  if (!existsSync(path))
    throw new Error(`${path} is missing: run scripts/ensure-fixtures (npm test does) to build the fixture images`);
  return path;
}

/** Rows of a truth TSV file as arrays of columns. */
export function truthRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * Golden files: `UPDATE_GOLDEN=1 npx vitest run <folder>` rewrites them; review the diff
 * before committing. Each suite keeps a guard test that fails when the variable is set
 * in CI, so an update mode left on can never pass.
 */
export const updatingGoldens = process.env.UPDATE_GOLDEN === '1';

/** Compares text with the golden files kept in `dir` (or rewrites them in update mode). */
export function goldenFiles(dir: string): (name: string, actual: string) => void {
  return (name, actual) => {
    const file = path.join(dir, name);
    if (updatingGoldens) {
      writeFileSync(file, actual);
      return;
    }
    if (!existsSync(file))
      throw new Error(
        `golden file ${path.relative(process.cwd(), file)} is missing; run with UPDATE_GOLDEN=1 to create it`,
      );
    expect(actual).toBe(readFileSync(file, 'utf8'));
  };
}

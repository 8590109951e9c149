import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * Golden files of the base rows, as src/report/vulns does them: `UPDATE_GOLDEN=1 npx vitest
 * run test/base` rewrites them (review the diff before committing); a guard test fails
 * when the variable is set in CI.
 */
export const updatingGoldens = process.env.UPDATE_GOLDEN === '1';
const dir = path.resolve(import.meta.dirname, '..', 'golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(dir, name);
  if (updatingGoldens) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file test/base/golden/${name} is missing; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * Golden files: `UPDATE_GOLDEN=1 npx vitest run src/report/vulns` rewrites them; review
 * the diff before committing. A guard test fails when the variable is set in CI.
 */
export const updatingGoldens = process.env.UPDATE_GOLDEN === '1';
const dir = import.meta.dirname;

export function expectGolden(name: string, actual: string): void {
  const file = path.join(dir, name);
  if (updatingGoldens) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file testdata/${name} is missing; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Where the tests find the shared real feeds, and a scratch directory per test. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FEEDS = path.resolve(process.cwd(), '../shared/feeds');

export function feed(...parts: string[]): string {
  return path.join(FEEDS, ...parts);
}

export function scratchDir(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `airlock-db-${label}-`));
}

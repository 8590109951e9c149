/**
 * The review's test data, all real: the debian-bookworm-minbase image from ../shared/images,
 * matched against a database built from ../shared/feeds (Debian vuln-list, NVD and CVE 5
 * records, CISA KEV, EPSS) stamped as bundle 42, at a fixed time so frames do not change
 * with the clock. It holds one HIGH finding (zlib's MiniZip overflow, CVE-2023-45853,
 * unfixed in bookworm), ten LOW and three UNSPECIFIED ones; none has a fixed version.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { BundleMeta } from '../../src/db/bundle-meta.js';
import { buildFeedDb, type TestDb } from '../../src/match/testdata/feed-db.js';
import { loadReview } from '../../src/tui/load.js';
import type { ReviewInput } from '../../src/tui/state/data.js';

export const IMAGE = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.oci.tar');
export const NOW = new Date('2026-11-24T12:00:00Z');
const STAMP: BundleMeta = { sequence: 42, created: '2026-11-24T06:00:00Z', expires: '2026-12-24T06:00:00Z', signerKeyId: 'test-key', formatVersion: 1, schemaVersion: 1 };

export function reviewDb(): Promise<TestDb> {
  return buildFeedDb(['debian-vuln-list-debian', 'nvd', 'cisa-kev', 'epss'], STAMP);
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What `airlock review IMAGE --db DB --vex FILE` loads, at NOW. */
export function reviewInput(db: TestDb, vexFile: string): Promise<ReviewInput> {
  return loadReview(IMAGE, { dbFile: db.file, vexFile, now: NOW, author: 'reviewer@example.com' });
}

// ---- golden frames ----

/**
 * `UPDATE_GOLDEN=1 npx vitest run test/tui` rewrites test/tui/golden/; review the diff
 * before committing. A guard test fails when the variable is set in CI.
 */
export const updatingGoldens = process.env.UPDATE_GOLDEN === '1';
const goldenDir = path.resolve(process.cwd(), 'test/tui/golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (updatingGoldens) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden frame test/tui/golden/${name} is missing; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

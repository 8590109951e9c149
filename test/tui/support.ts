/**
 * The review's test data, all real: the debian-bookworm-minbase image from ../shared/images,
 * matched against a database built from ../shared/feeds (Debian vuln-list, NVD and CVE 5
 * records, CISA KEV, EPSS) stamped as bundle 42, at a fixed time so frames do not change
 * with the clock. It holds one HIGH finding (zlib's MiniZip overflow, CVE-2023-45853,
 * unfixed in bookworm), ten LOW and three UNSPECIFIED ones; none has a fixed version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { goldenFiles } from '../../src/testing/golden.js';
import type { BundleMeta } from '../../src/db/bundle-meta.js';
import { buildFeedDb, type TestDb } from '../../src/match/testdata/feed-db.js';
import { loadReview } from '../../src/tui/load.js';
import type { ReviewInput } from '../../src/tui/state/data.js';

export const IMAGE = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.oci.tar');
export const NOW = new Date('2026-11-24T12:00:00Z');
const STAMP: BundleMeta = {
  sequence: 42,
  created: '2026-11-24T06:00:00Z',
  expires: '2026-12-24T06:00:00Z',
  signerKeyId: 'test-key',
  formatVersion: 1,
  schemaVersion: 1,
};

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

export { updatingGoldens } from '../../src/testing/golden.js';
/** Golden frames, in test/tui/golden/. */
export const expectGolden = goldenFiles(path.resolve(process.cwd(), 'test/tui/golden'));

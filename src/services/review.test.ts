/**
 * `review`'s service: what the review starts with, on the real bookworm image and a
 * database built from ../shared/feeds (as test/tui/support.ts builds it), with no terminal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedDb, type TestDb } from '../match/testdata/feed-db.js';
import { loadReview } from './review.js';

const IMAGE = path.resolve(process.cwd(), '../shared/images/debian-bookworm-minbase.oci.tar');
const NOW = new Date('2026-11-24T12:00:00Z');

describe('review service', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await buildFeedDb(['debian-vuln-list-debian', 'nvd', 'cisa-kev', 'epss'], {
      sequence: 42,
      created: '2026-11-24T06:00:00Z',
      expires: '2026-12-24T06:00:00Z',
      signerKeyId: 'test-key',
      formatVersion: 1,
      schemaVersion: 1,
    });
    dir = mkdtempSync(path.join(tmpdir(), 'airlock-review-service-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gathers the match, every rating of each finding and the VEX file decisions go to', async () => {
    const vexFile = path.join(dir, 'new.openvex.json');
    const input = await loadReview(IMAGE, {
      dbFile: db.file,
      vexFile,
      now: NOW,
      author: 'reviewer@example.com',
      storeFile: path.join(dir, 'store.db'),
    });
    expect(input).toMatchObject({
      vexFile,
      author: 'reviewer@example.com',
      now: NOW,
      tooling: expect.stringMatching(/^airlock \d/),
    });
    expect(input.vex).toBeUndefined();
    const high = input.result.findings.filter((f) => f.severity.band === 'high').map((f) => f.vulnId);
    expect([...new Set(high)]).toEqual(['CVE-2023-45853']);
    // The detail pane shows each source's rating: NVD rates the MiniZip overflow.
    expect(input.severities.get('CVE-2023-45853')?.length).toBeGreaterThan(0);
  });

  it('stops at a malformed VEX document before reading the image', async () => {
    const vexFile = path.join(dir, 'broken.openvex.json');
    writeFileSync(vexFile, '{');
    await expect(
      loadReview(path.join(dir, 'no-such-image.tar'), { dbFile: db.file, vexFile, now: NOW }),
    ).rejects.toThrow(vexFile);
  });
});

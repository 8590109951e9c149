/**
 * A data date later than the build time is clamped, with a warning: one OSV record from
 * ../shared/feeds/ghsa-osv whose `modified` is rewritten to 2099 (the only change made)
 * must not make the database look fresh forever.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importer as osv } from '../feeds/osv/index.js';
import { buildAdvisoryDatabase } from './build.js';

const GHSA = path.resolve(process.cwd(), '../shared/feeds/ghsa-osv/advisories');

function firstRecord(dir: string): string {
  for (const entry of readdirSync(dir, { recursive: true }).map(String)) if (/\.(json|ya?ml)$/.test(entry)) return path.join(dir, entry);
  throw new Error(`no OSV record under ${dir}`);
}

describe('data dates at build time', () => {
  it('clamps a date after the build time to it and warns, naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-clamp-'));
    const source = firstRecord(GHSA);
    const feeds = path.join(dir, 'feeds', 'osv');
    mkdirSync(feeds, { recursive: true });
    const text = readFileSync(source, 'utf8');
    const future = source.endsWith('.json') ? JSON.stringify({ ...JSON.parse(text), modified: '2099-01-01T00:00:00Z' }) : text.replace(/^modified:.*$/m, 'modified: "2099-01-01T00:00:00Z"');
    expect(future).toContain('2099-01-01T00:00:00Z');
    const target = path.join(feeds, path.basename(source));
    writeFileSync(target, future);
    const now = new Date('2026-12-03T12:00:00.000Z');
    const result = await buildAdvisoryDatabase({ feedsDir: path.join(dir, 'feeds'), outFile: path.join(dir, 'a.db'), importers: [osv], now });
    expect(result.sources).toEqual([{ name: 'osv', records: 1, warnings: 1, dataDate: '2026-12-03T12:00:00.000Z' }]);
    // The walk hands the importer the one file, so the warning names it, not the feeds folder.
    expect(result.warnings).toEqual([{ file: target, message: 'data date 2099-01-01T00:00:00.000Z is after the build time 2026-12-03T12:00:00.000Z; clamped to 2026-12-03T12:00:00.000Z' }]);
  });
});

/**
 * Tiny purpose-built advisory databases (grype's habit): a test names the real records
 * it needs by id, they are read from ../shared/feeds with the real importer and written
 * with the real writer into a fresh database. Nothing is made up; a test's comment says
 * why each record is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeedImporter, FeedRecord } from '../../advisories/model.js';
import { openAdvisoryDb } from '../../db/open.js';
import { AdvisoryWriter } from '../../db/writer.js';
import { FEEDS, type TestDb } from './feed-db.js';

export interface Pick {
  importer: FeedImporter;
  /** A feed file or folder, relative to ../shared/feeds. */
  path: string;
  /** Advisory ids (or, for KEV/EPSS, CVE ids; for endoflife.date, `product:release`) to keep. */
  ids: string[];
}

function keep(record: FeedRecord, ids: Set<string>): record is Exclude<FeedRecord, { kind: 'data-date' }> {
  if (record.kind === 'advisory') return ids.has(record.advisory.id);
  if (record.kind === 'kev') return ids.has(record.entry.cve);
  if (record.kind === 'eol') return ids.has(`${record.release.product}:${record.release.release}`);
  return record.kind === 'epss' && ids.has(record.score.cve);
}

/** What a pick names a record by: the advisory id, the CVE of a KEV or EPSS row, `product:release` of an EOL row. */
function recordId(record: Exclude<FeedRecord, { kind: 'data-date' }>): string {
  if (record.kind === 'advisory') return record.advisory.id;
  if (record.kind === 'kev') return record.entry.cve;
  if (record.kind === 'eol') return `${record.release.product}:${record.release.release}`;
  return record.score.cve;
}

export async function tinyDb(picks: Pick[]): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-tiny-db-'));
  const file = path.join(dir, 'advisories.db');
  const writable = await openAdvisoryDb(file, { readonly: false });
  const writer = new AdvisoryWriter(writable);
  const ctx = { warn: () => undefined };
  for (const pick of picks) {
    const wanted = new Set(pick.ids);
    const found = new Set<string>();
    for await (const record of pick.importer.read(path.join(FEEDS, pick.path), ctx)) {
      if (!keep(record, wanted)) continue;
      found.add(recordId(record));
      await writer.add(record);
    }
    const missing = pick.ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new Error(`${pick.path} has no record ${missing.join(', ')}`);
  }
  await writer.flush();
  await writable.destroy();
  const db = await openAdvisoryDb(file, { readonly: true });
  return {
    file,
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

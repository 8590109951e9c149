/**
 * Importers keep no state between reads: the data date is a record of the read that found
 * it. Two reads of one importer interleaved (the second started and finished while the
 * first is still going) each get their own date; with module- or instance-level dates the
 * second read's reset and dates leaked into the first.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedImporter, FeedRecord } from '../advisories/model.js';
import { collect } from './testdata/collect.js';
import { allImporters } from './registry.js';

const feeds = path.resolve(process.cwd(), '../shared/feeds');
const importer = (name: string): FeedImporter => allImporters.find((i) => i.name === name)!;

async function interleaved(
  feed: FeedImporter,
  first: string,
  second: string,
): Promise<{ first?: string; second?: string }> {
  const ctx = { warn: () => undefined };
  const it = feed.read(first, ctx)[Symbol.asyncIterator]();
  const records: FeedRecord[] = [];
  const head = await it.next();
  if (!head.done) records.push(head.value);
  const other = await collect(feed, second);
  for (let r = await it.next(); !r.done; r = await it.next()) records.push(r.value);
  const date = records.find((r) => r.kind === 'data-date');
  return { first: date?.kind === 'data-date' ? date.date : undefined, second: other.dataDate };
}

describe('feed importers are stateless', () => {
  it('osv: GitHub advisories and Ubuntu records, read interleaved, keep their own dates', async () => {
    const ghsa = path.join(feeds, 'ghsa-osv');
    const ubuntu = path.join(feeds, 'ubuntu-osv-samples');
    const alone = {
      ghsa: (await collect(importer('osv'), ghsa)).dataDate,
      ubuntu: (await collect(importer('osv'), ubuntu)).dataDate,
    };
    expect(alone.ghsa).toBeDefined();
    expect(alone.ghsa).not.toBe(alone.ubuntu);
    expect(await interleaved(importer('osv'), ghsa, ubuntu)).toEqual({ first: alone.ghsa, second: alone.ubuntu });
  });

  it('the registry has no importer with a dataDate side channel', () => {
    for (const feed of allImporters)
      expect(Object.keys(feed).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(feed)))).not.toContain(
        'dataDate',
      );
  });
});

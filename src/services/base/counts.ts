/**
 * A catalog entry's counts against the advisory database in use. The store keeps every
 * entry's findings current with the installed database (re-evaluated on each `db import`),
 * so when that is the database in use the stored counts are the answer; any other
 * database (`--db FILE`, or an entry evaluated before the last import) gets the stored
 * SBOM matched again, which is what the stored counts would have been.
 */
import path from 'node:path';
import type { AdvisoryDb } from '../../db/open.js';
import { matchSbom } from '../../match/index.js';
import { countGroups } from '../../findings/counts.js';
import type { SeverityCounts } from '../../findings/model.js';
import { loadSbom } from '../../store/images.js';
import type { SnapshotDb } from '../../store/open.js';
import type { CatalogEntry } from '../../base/catalog.js';

export interface CountSource {
  store: SnapshotDb;
  advisory: AdvisoryDb;
  /** The database file in use and its bundle sequence. */
  dbFile: string;
  sequence?: number;
  /** The installed database, the one stored findings were evaluated against. */
  installedDbFile: string;
}

export function catalogCounter(source: CountSource): (entry: CatalogEntry) => Promise<SeverityCounts> {
  const memo = new Map<number, Promise<SeverityCounts>>();
  const installed = path.resolve(source.dbFile) === path.resolve(source.installedDbFile);
  return (entry) => {
    let counts = memo.get(entry.image.id);
    if (!counts) {
      const current = installed && source.sequence !== undefined && entry.image.evaluatedSequence === source.sequence;
      counts = current
        ? Promise.resolve(entry.image.counts)
        : loadSbom(source.store, entry.image.id).then(async (sbom) =>
            countGroups(await matchSbom(sbom, source.advisory)),
          );
      memo.set(entry.image.id, counts);
    }
    return counts;
  };
}

/** Drains an importer into memory, with its warnings and data date. For tests only. */
import type { Advisory, EolRelease, EpssScore, FeedImporter, FeedWarning, KevEntry } from '../../advisories/model.js';

export interface Collected {
  advisories: Advisory[];
  kev: KevEntry[];
  epss: EpssScore[];
  eol: EolRelease[];
  warnings: FeedWarning[];
  /** The `data-date` record of the read, if it gave one. */
  dataDate?: string;
  /** How many `data-date` records the read gave (one at most is expected). */
  dataDates: number;
}

export async function collect(importer: FeedImporter, path: string): Promise<Collected> {
  const out: Collected = { advisories: [], kev: [], epss: [], eol: [], warnings: [], dataDates: 0 };
  for await (const record of importer.read(path, { warn: (warning) => out.warnings.push(warning) })) {
    if (record.kind === 'advisory') out.advisories.push(record.advisory);
    else if (record.kind === 'kev') out.kev.push(record.entry);
    else if (record.kind === 'epss') out.epss.push(record.score);
    else if (record.kind === 'eol') out.eol.push(record.release);
    else {
      out.dataDate = record.date;
      out.dataDates += 1;
    }
  }
  return out;
}

/** The advisory with `id`, failing loudly when the feed does not have it. */
export function byId(advisories: Advisory[], id: string): Advisory {
  const found = advisories.find((advisory) => advisory.id === id);
  if (!found) throw new Error(`${id} not among ${advisories.length} advisories`);
  return found;
}

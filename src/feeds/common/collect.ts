/** Drains an importer into memory, with its warnings. For tests and small feeds only. */
import type { Advisory, EolRelease, EpssScore, FeedImporter, FeedWarning, KevEntry } from '../../advisories/model.js';

export interface Collected {
  advisories: Advisory[];
  kev: KevEntry[];
  epss: EpssScore[];
  eol: EolRelease[];
  warnings: FeedWarning[];
}

export async function collect(importer: FeedImporter, path: string): Promise<Collected> {
  const out: Collected = { advisories: [], kev: [], epss: [], eol: [], warnings: [] };
  for await (const record of importer.read(path, { warn: (warning) => out.warnings.push(warning) })) {
    if (record.kind === 'advisory') out.advisories.push(record.advisory);
    else if (record.kind === 'kev') out.kev.push(record.entry);
    else if (record.kind === 'eol') out.eol.push(record.release);
    else out.epss.push(record.score);
  }
  return out;
}

/** The advisory with `id`, failing loudly when the feed does not have it. */
export function byId(advisories: Advisory[], id: string): Advisory {
  const found = advisories.find((advisory) => advisory.id === id);
  if (!found) throw new Error(`${id} not among ${advisories.length} advisories`);
  return found;
}

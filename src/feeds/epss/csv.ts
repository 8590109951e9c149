/** The pieces of an EPSS CSV: comment metadata, header, rows. */
import type { EpssScore } from '../../advisories/model.js';
import { normalizeTimestamp } from '../common/dates.js';
import { RecordError } from '../common/values.js';

export interface EpssMetadata {
  model?: string;
  date?: string;
}

export interface EpssColumns {
  cve: number;
  epss: number;
  percentile: number;
}

/** `#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000` */
export function parseMetadataLine(line: string): EpssMetadata {
  const metadata: EpssMetadata = {};
  for (const pair of line.replace(/^#/, '').split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) continue;
    const key = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    if (key === 'model_version') metadata.model = value;
    if (key === 'score_date') metadata.date = normalizeTimestamp(value);
  }
  return metadata;
}

/** Column positions from the header, or undefined when it is not an EPSS header. */
export function parseHeader(line: string): EpssColumns | undefined {
  const names = line.split(',').map((name) => name.trim().toLowerCase());
  const columns = { cve: names.indexOf('cve'), epss: names.indexOf('epss'), percentile: names.indexOf('percentile') };
  return columns.cve >= 0 && columns.epss >= 0 && columns.percentile >= 0 ? columns : undefined;
}

export function parseRow(line: string, columns: EpssColumns, metadata: EpssMetadata): EpssScore {
  const cells = line.split(',');
  const cve = cells[columns.cve]?.trim();
  if (!cve || !/^CVE-\d{4}-\d{4,}$/.test(cve)) throw new RecordError(`${JSON.stringify(cve ?? '')} is not a CVE id`);
  const score: EpssScore = {
    cve,
    epss: probability(cells[columns.epss], 'epss'),
    percentile: probability(cells[columns.percentile], 'percentile'),
  };
  if (metadata.date) score.date = metadata.date;
  if (metadata.model) score.model = metadata.model;
  return score;
}

function probability(cell: string | undefined, what: string): number {
  const value = Number(cell?.trim());
  if (cell === undefined || cell.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RecordError(`${what} ${JSON.stringify(cell ?? '')} is not a number between 0 and 1`);
  }
  return value;
}

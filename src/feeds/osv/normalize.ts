/** One OSV 1.x record (JSON or YAML, already parsed) to a normalized Advisory. */
import type { Advisory } from '../../advisories/model.js';
import { normalizeTimestamp } from '../common/dates.js';
import { RecordError, isObject, list, text, unique } from '../common/values.js';
import { affectedPackages } from './affected.js';
import { osvSeverities } from './severity.js';

export function normalizeOsvRecord(record: unknown): Advisory {
  if (!isObject(record)) throw new RecordError('not an OSV object');
  const id = text(record.id);
  if (!id) throw new RecordError('missing id');
  // Ubuntu puts the CVE in `upstream`, not `aliases`; both name the same vulnerability.
  const aliases = unique(
    [...list(record.aliases, 'aliases'), ...list(record.upstream, 'upstream')].filter(
      (alias): alias is string => typeof alias === 'string' && alias !== id,
    ),
  );
  const references = unique(
    list(record.references, 'references').flatMap((ref) => (isObject(ref) && text(ref.url) ? [ref.url as string] : [])),
  );
  const advisory: Advisory = {
    id,
    source: 'osv',
    aliases,
    references,
    severities: osvSeverities(record, id),
    affected: affectedPackages(record.affected),
  };
  const summary = text(record.summary);
  const details = text(record.details);
  if (summary) advisory.summary = summary;
  if (details) advisory.description = details;
  // The Go vulndb export stamps published/modified with Go's zero time: read as unknown.
  const published = normalizeTimestamp(record.published);
  const modified = normalizeTimestamp(record.modified);
  const withdrawn = normalizeTimestamp(record.withdrawn);
  if (published) advisory.published = published;
  if (modified) advisory.modified = modified;
  if (withdrawn) advisory.withdrawn = withdrawn;
  else if (record.withdrawn !== undefined)
    throw new RecordError(`withdrawn is not a date: ${JSON.stringify(record.withdrawn)}`);
  return advisory;
}

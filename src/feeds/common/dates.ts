/**
 * Feed timestamps come in many spellings: NVD omits the zone ("2023-11-28T00:15:07.140"),
 * EPSS writes "+0000", PyPI YAML mixes precisions, and the Go vulndb export stamps every
 * record with Go's zero time "0001-01-01T00:00:00Z". Everything is normalized to
 * `Date#toISOString()` so dates compare as strings and sort correctly.
 */

const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const COMPACT_OFFSET = /([+-]\d{2})(\d{2})$/;

/** An ISO-8601 UTC timestamp, or undefined for absent, unparsable or zero dates. */
export function normalizeTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  if (text === '' || text.startsWith('0001-01-01')) return undefined;
  // NVD and other US-government feeds publish UTC without saying so.
  if (NO_ZONE.test(text)) text = `${text.replace(' ', 'T')}Z`;
  else if (/T\d{2}:\d{2}/.test(text)) text = text.replace(COMPACT_OFFSET, '$1:$2');
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A calendar date (`YYYY-MM-DD`) as the source wrote it, or undefined. */
export function normalizeDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return match && !match[1].startsWith('0001') ? match[1] : undefined;
}

/** Remembers the newest timestamp offered: one per `read`, for its `data-date` record. */
export class NewestDate {
  private newest: string | undefined;

  offer(value: string | undefined): void {
    if (value !== undefined && (this.newest === undefined || value > this.newest)) this.newest = value;
  }

  get value(): string | undefined {
    return this.newest;
  }

  reset(): void {
    this.newest = undefined;
  }
}

/**
 * Ages of a bundle and of data dates. Whether a scan's data is stale is judged per matched
 * source, on data dates (src/findings/staleness.ts), not on the bundle's build time.
 */
const DAY_MS = 86_400_000;

/** Whole days since the bundle was built (its `created`), never negative. */
export function databaseAge(meta: { created: string }, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(meta.created)) / DAY_MS));
}

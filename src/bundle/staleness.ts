import { UserError } from '../errors.js';

const DAY_MS = 86_400_000;

/** Whole days since the bundle was built (its `created`), never negative. */
export function databaseAge(meta: { created: string }, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(meta.created)) / DAY_MS));
}

export interface StalenessOptions {
  now?: Date;
  maxAgeDays?: number;
  /** Turn a stale database into an error (a scan that must not run on old data). */
  failOnStale?: boolean;
}

/**
 * For scans: a database older than `maxAgeDays` (default 7) or past its `expires` yields
 * a warning to print, or a UserError when `failOnStale`. Undefined when fresh.
 */
export function checkStaleness(
  meta: { created: string; expires?: string },
  options: StalenessOptions = {},
): string | undefined {
  const now = options.now ?? new Date();
  const maxAgeDays = options.maxAgeDays ?? 7;
  const age = databaseAge(meta, now);
  const expired = meta.expires !== undefined && Date.parse(meta.expires) <= now.getTime();
  if (age <= maxAgeDays && !expired) return undefined;
  const why = expired ? `expired on ${meta.expires}` : `is ${age} days old (limit ${maxAgeDays})`;
  const message = `the advisory database ${why}; findings may miss recent vulnerabilities`;
  if (options.failOnStale)
    throw new UserError(message, { hint: 'import a newer bundle with `airlock db import`', exitCode: 1 });
  return message;
}

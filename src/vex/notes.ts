/**
 * A triage decision's note and expiry. OpenVEX has no expiry field and its schema allows
 * no extra properties, so the expiry rides in `status_notes` as a last line of its own,
 * `airlock-expires: <ISO 8601>`. Other VEX consumers keep the statement for good; airlock
 * ignores it once that time has passed.
 */
import type { VexStatement } from './model.js';

const EXPIRES_LINE = /(?:^|\n)airlock-expires: (\S+)\s*$/;

export function composeNotes(note: string | undefined, expires: string | undefined): string | undefined {
  const text = note?.trim();
  if (!expires) return text || undefined;
  return text ? `${text}\nairlock-expires: ${expires}` : `airlock-expires: ${expires}`;
}

/** The user's note without the expiry line. */
export function noteOf(statusNotes: string | undefined): string | undefined {
  if (!statusNotes) return undefined;
  const text = statusNotes.replace(EXPIRES_LINE, '').trim();
  return text || undefined;
}

/** When the statement stops applying; undefined when it has no (readable) expiry. */
export function expiryOf(statement: Pick<VexStatement, 'status_notes'>): Date | undefined {
  const m = statement.status_notes ? EXPIRES_LINE.exec(statement.status_notes) : null;
  if (!m) return undefined;
  const date = new Date(m[1]);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function isExpired(statement: Pick<VexStatement, 'status_notes'>, now: Date): boolean {
  const expires = expiryOf(statement);
  return expires !== undefined && expires.getTime() <= now.getTime();
}

const DAY = 86_400_000;

/**
 * What a user may type as an expiry: nothing (no expiry), `30d` (days from now) or a date
 * `2027-01-31` (expires at the start of that day, UTC). Returns the ISO time or an error.
 */
export function parseExpiry(text: string, now: Date): { expires?: string; error?: string } {
  const value = text.trim();
  if (!value) return {};
  const days = /^(\d{1,4})d$/.exec(value);
  let date: Date | undefined;
  if (days) date = new Date(now.getTime() + Number(days[1]) * DAY);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) date = new Date(`${value}T00:00:00Z`);
  if (!date || Number.isNaN(date.getTime()))
    return { error: `expiry "${value}": use a number of days (30d) or a date (2027-01-31)` };
  if (date.getTime() <= now.getTime()) return { error: `expiry ${value} is not in the future` };
  return { expires: date.toISOString() };
}

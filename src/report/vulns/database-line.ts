/**
 * How every report names its advisory data: the bundle's date, sequence and age, or, for
 * a database never imported from a bundle, that it is a local build and how old its data is.
 */
import type { DatabaseInfo } from '../../findings/model.js';

const day = (iso: string | undefined) => iso?.slice(0, 10);

const age = (days: number | undefined) =>
  days === undefined ? 'age unknown' : `${days} ${days === 1 ? 'day' : 'days'} old`;

/** `advisory database 2026-11-24 (seq 42, 0 days old)` */
export function databaseLine(db: DatabaseInfo): string {
  if (db.sequence !== undefined) return `advisory database ${day(db.created)} (seq ${db.sequence}, ${age(db.ageDays)})`;
  return `advisory database local build, data to ${day(db.dataDate) ?? 'unknown'} (no bundle sequence, ${age(db.ageDays)})`;
}

/** `debian-vuln-list 2024-04-23, osv 2026-08-18, …`: the data date of each feed. */
export function dataDatesLine(db: DatabaseInfo): string {
  return db.sources.map((s) => `${s.name} ${day(s.dataDate) ?? 'undated'}`).join(', ');
}

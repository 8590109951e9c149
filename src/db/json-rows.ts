import type { sql } from 'kysely';
import type { AdvisoryDb } from './open.js';

/**
 * Reads a whole result as one JSON text (`json_group_array`) parsed once: building one
 * JS object per row and column through the driver costs ~3x more, and matching a large
 * image reads tens of thousands of rows (scripts/bench-match). Key lists go in the same
 * way, as one JSON parameter read with `json_each`, so no query has a parameter limit.
 */
export type Cell = string | null;

export async function jsonRows<T>(db: AdvisoryDb, query: ReturnType<typeof sql<{ j: string | null }>>): Promise<T[]> {
  const { rows } = await query.execute(db);
  return rows[0]?.j ? (JSON.parse(rows[0].j) as T[]) : [];
}

export const opt = (v: Cell) => (v === null ? undefined : v);


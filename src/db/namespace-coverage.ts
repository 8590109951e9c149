/**
 * How much advisory data the database holds per namespace: what a verdict of "no
 * vulnerable package" rests on. Read through the (namespace, package) index, so counting
 * a namespace never reads its rows.
 */
import { sql } from 'kysely';
import type { AdvisoryDb } from './open.js';

export interface NamespaceData {
  namespace: string;
  /** Affected rows (package states) held for the namespace; 0 means no data at all. */
  records: number;
  /** Distinct packages those rows name. */
  packages: number;
  /** The feeds the rows came from, sorted. */
  sources: string[];
}

/** The data held for each of `namespaces` (in the order given). */
export async function namespaceData(db: AdvisoryDb, namespaces: string[]): Promise<NamespaceData[]> {
  const out: NamespaceData[] = [];
  for (const namespace of namespaces) {
    const counted = await sql<{ n: number; p: number }>`select count(*) as n, count(distinct package) as p from affected where namespace = ${namespace}`.execute(db);
    const { n, p } = counted.rows[0];
    out.push({ namespace, records: n, packages: p, sources: n > 0 ? await sourcesOf(db, namespace) : [] });
  }
  return out;
}

/**
 * The feeds with rows in a namespace, found one at a time (each a short index probe
 * followed by one row read), since a namespace holds rows of very few feeds.
 */
async function sourcesOf(db: AdvisoryDb, namespace: string): Promise<string[]> {
  const found: string[] = [];
  for (;;) {
    const next = await db
      .selectFrom('affected')
      .select('source')
      .where('namespace', '=', namespace)
      .$if(found.length > 0, (q) => q.where('source', 'not in', found))
      .limit(1)
      .executeTakeFirst();
    if (!next) return found.sort();
    found.push(next.source);
  }
}

/** Every namespace with its record count, for `db status`. */
export async function allNamespaces(db: AdvisoryDb): Promise<{ namespace: string; records: number; packages: number }[]> {
  const rows = await sql<{ namespace: string; n: number; p: number }>`select namespace, count(*) as n, count(distinct package) as p from affected group by namespace`.execute(db);
  // alpine:3.9 before alpine:3.10: releases in numeric order.
  const sorted = rows.rows.sort((a, b) => a.namespace.localeCompare(b.namespace, 'en', { numeric: true }));
  return sorted.map((r) => ({ namespace: r.namespace, records: r.n, packages: r.p }));
}

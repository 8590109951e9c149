/**
 * The database reads of matching, shaped for speed: each lookup is one statement that
 * takes its whole key list as a single JSON parameter (`json_each`) and returns its whole
 * result as a single JSON text (`json_group_array`), parsed once. Building one JS object
 * per row and column through the driver costs ~3x more, and matching a large image reads
 * tens of thousands of rows (scripts/bench-match). Same semantics as `affectedFor`,
 * `aliasesFor` and `vulnerabilitiesFor` in src/db (withdrawn vulnerabilities left out).
 */
import { sql } from 'kysely';
import type { AffectedStatus, SeverityRating, VersionRange } from '../advisories/model.js';
import type { AdvisoryDb } from '../db/open.js';
import type { AffectedRow } from '../db/queries.js';

type Cell = string | null;

async function jsonRows<T>(db: AdvisoryDb, query: ReturnType<typeof sql<{ j: string | null }>>): Promise<T[]> {
  const { rows } = await query.execute(db);
  return rows[0]?.j ? (JSON.parse(rows[0].j) as T[]) : [];
}

const opt = (v: Cell) => (v === null ? undefined : v);

/** Every affected row for these package names in one namespace, in (package, vuln, row) order. */
export async function affectedRows(db: AdvisoryDb, namespace: string, names: string[]): Promise<AffectedRow[]> {
  if (names.length === 0) return [];
  type Raw = [string, string, string, AffectedStatus, Cell, VersionRange[], string[], Cell, Cell, Cell];
  const raw = await jsonRows<Raw>(
    db,
    sql<{ j: string | null }>`
      select json_group_array(json(j)) as j from (
        select json_array(a.vuln_id, a.source, a.package, a.status, a.fixed_version, json(a.ranges), json(a.versions), a.note, a.fixed_by, a.severity) as j
        from affected a join vulnerability v on v.id = a.vuln_id
        where a.namespace = ${namespace} and a.package in (select value from json_each(${JSON.stringify(names)})) and v.withdrawn is null
        order by a.package, a.vuln_id, a.id)`,
  );
  return raw.map(([vulnId, source, pkg, status, fixedVersion, ranges, versions, note, fixedBy, severity]) => {
    const row: AffectedRow = { vulnId, source, namespace, package: pkg, status, ranges, versions };
    if (fixedVersion !== null) row.fixedVersion = fixedVersion;
    if (note !== null) row.note = note;
    if (fixedBy !== null) row.fixedBy = fixedBy;
    if (severity !== null) row.severity = severity as SeverityRating;
    return row;
  });
}

/** Other ids of each id, from either side of the alias table, sorted. */
export async function aliasesOf(db: AdvisoryDb, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>();
  if (ids.length === 0) return new Map();
  const keys = JSON.stringify(ids);
  const pairs = await jsonRows<[string, string]>(
    db,
    sql<{ j: string | null }>`
      select json_group_array(json_array(k, o)) as j from (
        select vuln_id as k, alias as o from alias where vuln_id in (select value from json_each(${keys}))
        union select alias as k, vuln_id as o from alias where alias in (select value from json_each(${keys})))`,
  );
  for (const [id, other] of pairs) out.set(id, (out.get(id) ?? new Set()).add(other));
  return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
}

export interface VulnText {
  description?: string;
  references: string[];
}

/** Description (else summary) and references of each id found. */
export async function vulnerabilityTexts(db: AdvisoryDb, ids: string[]): Promise<Map<string, VulnText>> {
  const out = new Map<string, VulnText>();
  if (ids.length === 0) return out;
  const keys = JSON.stringify(ids);
  const texts = await jsonRows<[string, Cell]>(
    db,
    sql<{ j: string | null }>`select json_group_array(json_array(id, coalesce(description, summary))) as j from vulnerability where id in (select value from json_each(${keys}))`,
  );
  for (const [id, text] of texts) out.set(id, { ...(opt(text) ? { description: text! } : {}), references: [] });
  const refs = await jsonRows<[string, string]>(
    db,
    sql<{ j: string | null }>`select json_group_array(json_array(vuln_id, url)) as j from (select vuln_id, url from vuln_reference where vuln_id in (select value from json_each(${keys})) order by vuln_id, url)`,
  );
  for (const [id, url] of refs) out.get(id)?.references.push(url);
  return out;
}

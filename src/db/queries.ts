/**
 * The lookups matching and reporting need, batched: each takes many keys. The two hot
 * ones of matching (affected rows, aliases) pass all keys as one JSON parameter and read
 * their result as one JSON text (json-rows.ts); the others run `IN (…)` queries of at most
 * MAX_PARAMS (500) keys each.
 */
import type { AffectedStatus, EpssScore, KevEntry, SeverityRating, SeverityRecord, VersionRange } from '../advisories/model.js';
import { chunks, MAX_PARAMS, push, unique } from './batch.js';
import { sql } from 'kysely';
import type { AdvisoryDb } from './open.js';
import { jsonRows, type Cell } from './json-rows.js';
import { scopeFromNote } from './scope-from-note.js';

export interface AffectedRow {
  vulnId: string;
  /** The feed the row came from. */
  source: string;
  namespace: string;
  package: string;
  status: AffectedStatus;
  fixedVersion?: string;
  ranges: VersionRange[];
  versions: string[];
  note?: string;
  /** The support stream the row is limited to (`EUS 9.4`, `ELS`); absent for the mainline. */
  stream?: string;
  /** The module the row is for (`nodejs:20:…`); absent for non-modular packages. */
  module?: string;
  fixedBy?: string;
  severity?: SeverityRating;
}

/**
 * Every advisory row for these packages in one namespace, in (package, vuln, row) order.
 * Rows of withdrawn vulnerabilities are left out unless asked for.
 */
export async function affectedFor(
  db: AdvisoryDb,
  namespace: string,
  names: string[],
  options: { includeWithdrawn?: boolean } = {},
): Promise<AffectedRow[]> {
  if (names.length === 0) return [];
  const withdrawnToo = options.includeWithdrawn ? 1 : 0;
  type Raw = [string, string, string, AffectedStatus, Cell, VersionRange[], string[], Cell, Cell, Cell, Cell, Cell];
  const columns = await hasScopeColumns(db);
  const scope = columns ? sql`a.stream, a.module` : sql`null, null`;
  const raw = await jsonRows<Raw>(
    db,
    sql<{ j: string | null }>`
      select json_group_array(json(j)) as j from (
        select json_array(a.vuln_id, a.source, a.package, a.status, a.fixed_version, json(a.ranges), json(a.versions), a.note, a.fixed_by, a.severity, ${scope}) as j
        from affected a join vulnerability v on v.id = a.vuln_id
        where a.namespace = ${namespace} and a.package in (select value from json_each(${JSON.stringify(names)})) and (${withdrawnToo} = 1 or v.withdrawn is null)
        order by a.package, a.vuln_id, a.id)`,
  );
  return raw.map(([vulnId, source, pkg, status, fixedVersion, ranges, versions, note, fixedBy, severity, stream, module]) => {
    const row: AffectedRow = { vulnId, source, namespace, package: pkg, status, ranges, versions };
    if (fixedVersion !== null) row.fixedVersion = fixedVersion;
    if (note !== null) row.note = note;
    if (fixedBy !== null) row.fixedBy = fixedBy;
    if (severity !== null) row.severity = severity as SeverityRating;
    // Before schema 3 only Red Hat's rows spelled these in their note; other notes are just text.
    const limits = columns ? { stream, module } : namespace.startsWith('redhat:') ? scopeFromNote(note ?? undefined) : {};
    if (limits.stream) row.stream = limits.stream;
    if (limits.module) row.module = limits.module;
    return row;
  });
}

const scopeColumns = new WeakMap<AdvisoryDb, Promise<boolean>>();

/** Whether the database has schema 3's affected.stream/module (an old bundle's has not). Asked once per connection. */
function hasScopeColumns(db: AdvisoryDb): Promise<boolean> {
  let known = scopeColumns.get(db);
  if (!known) {
    known = sql<{ n: number }>`select count(*) as n from pragma_table_info('affected') where name in ('stream', 'module')`.execute(db).then((r) => r.rows[0].n === 2);
    scopeColumns.set(db, known);
  }
  return known;
}

/** All ratings per vulnerability id, one per (rater, CVSS version). */
export async function severitiesFor(db: AdvisoryDb, vulnIds: string[]): Promise<Map<string, SeverityRecord[]>> {
  const out = new Map<string, SeverityRecord[]>();
  for (const ids of chunks(unique(vulnIds), MAX_PARAMS)) {
    const rows = await db.selectFrom('severity').selectAll().where('vuln_id', 'in', ids).orderBy('vuln_id').orderBy('source').orderBy('cvss_version').execute();
    for (const r of rows) {
      const record: SeverityRecord = { source: r.source };
      if (r.rating) record.rating = r.rating as SeverityRating;
      if (r.cvss_version) record.cvssVersion = r.cvss_version as SeverityRecord['cvssVersion'];
      if (r.vector) record.vector = r.vector;
      if (r.score !== null) record.score = r.score;
      push(out, r.vuln_id, record);
    }
  }
  return out;
}

/** Other ids of each id, from either side of the alias table, sorted. */
export async function aliasesFor(db: AdvisoryDb, ids: string[]): Promise<Map<string, string[]>> {
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

export async function kevFor(db: AdvisoryDb, cves: string[]): Promise<Map<string, KevEntry>> {
  const out = new Map<string, KevEntry>();
  for (const batch of chunks(unique(cves), MAX_PARAMS)) {
    for (const r of await db.selectFrom('kev').selectAll().where('cve', 'in', batch).execute()) {
      const entry: KevEntry = { cve: r.cve, vendor: r.vendor, product: r.product, name: r.name, dateAdded: r.date_added };
      if (r.due_date) entry.dueDate = r.due_date;
      if (r.required_action) entry.requiredAction = r.required_action;
      if (r.known_ransomware) entry.knownRansomwareCampaignUse = r.known_ransomware;
      out.set(r.cve, entry);
    }
  }
  return out;
}

export async function epssFor(db: AdvisoryDb, cves: string[]): Promise<Map<string, EpssScore>> {
  const out = new Map<string, EpssScore>();
  for (const batch of chunks(unique(cves), MAX_PARAMS)) {
    for (const r of await db.selectFrom('epss').selectAll().where('cve', 'in', batch).execute()) {
      const score: EpssScore = { cve: r.cve, epss: r.epss, percentile: r.percentile };
      if (r.date) score.date = r.date;
      if (r.model) score.model = r.model;
      out.set(r.cve, score);
    }
  }
  return out;
}

/**
 * The lookups matching and reporting need, batched: each takes many keys and
 * runs `IN (…)` queries of at most MAX_PARAMS (500) keys each.
 */
import type { AffectedStatus, EpssScore, KevEntry, SeverityRating, SeverityRecord, VersionRange } from '../advisories/model.js';
import { chunks, MAX_PARAMS, push, unique } from './batch.js';
import type { AdvisoryDb } from './open.js';

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
  fixedBy?: string;
  severity?: SeverityRating;
}

/**
 * Every advisory row for these packages in one namespace. Rows of withdrawn
 * vulnerabilities are left out unless asked for.
 */
export async function affectedFor(
  db: AdvisoryDb,
  namespace: string,
  packageNames: string[],
  options: { includeWithdrawn?: boolean } = {},
): Promise<AffectedRow[]> {
  const out: AffectedRow[] = [];
  for (const names of chunks(unique(packageNames), MAX_PARAMS - 1)) {
    let query = db
      .selectFrom('affected')
      .innerJoin('vulnerability', 'vulnerability.id', 'affected.vuln_id')
      .select([
        'affected.vuln_id', 'affected.source', 'affected.namespace', 'affected.package', 'affected.status',
        'affected.fixed_version', 'affected.ranges', 'affected.versions', 'affected.note', 'affected.fixed_by', 'affected.severity',
      ])
      .where('affected.namespace', '=', namespace)
      .where('affected.package', 'in', names);
    if (!options.includeWithdrawn) query = query.where('vulnerability.withdrawn', 'is', null);
    for (const r of await query.orderBy('affected.package').orderBy('affected.vuln_id').orderBy('affected.id').execute()) {
      out.push({
        vulnId: r.vuln_id,
        source: r.source,
        namespace: r.namespace,
        package: r.package,
        status: r.status,
        fixedVersion: r.fixed_version ?? undefined,
        ranges: JSON.parse(r.ranges) as VersionRange[],
        versions: JSON.parse(r.versions) as string[],
        note: r.note ?? undefined,
        fixedBy: r.fixed_by ?? undefined,
        severity: (r.severity as SeverityRating | null) ?? undefined,
      });
    }
  }
  return out;
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

/** Other ids of each id, whichever side of the alias row it is on. */
export async function aliasesFor(db: AdvisoryDb, ids: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, Set<string>>();
  const add = (id: string, other: string) => {
    const set = found.get(id) ?? new Set<string>();
    set.add(other);
    found.set(id, set);
  };
  for (const batch of chunks(unique(ids), MAX_PARAMS)) {
    const wanted = new Set(batch);
    const forward = await db.selectFrom('alias').selectAll().where('vuln_id', 'in', batch).execute();
    const backward = await db.selectFrom('alias').selectAll().where('alias', 'in', batch).execute();
    for (const r of forward) add(r.vuln_id, r.alias);
    for (const r of backward) if (wanted.has(r.alias)) add(r.alias, r.vuln_id);
  }
  return new Map([...found].map(([id, set]) => [id, [...set].sort()]));
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

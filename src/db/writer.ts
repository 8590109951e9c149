/**
 * Streams normalized feed records into the advisory database: rows are
 * buffered and written in one transaction per batch, as multi-row inserts.
 * Merge rules for rows several sources share are in `row-mapping.ts`.
 */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { FeedRecord } from '../advisories/model.js';
import type { AdvisoryDb } from './open.js';
import type { AdvisorySchema } from './schema.js';
import {
  affectedRows,
  aliasRows,
  eolRow,
  epssRow,
  kevRow,
  referenceRows,
  severityRows,
  vulnerabilityRow,
} from './row-mapping.js';

/** SQLite binds at most 32766 parameters per statement; stay well below. */
const MAX_PARAMS_PER_INSERT = 8000;

type Rows = { [T in keyof AdvisorySchema]: Insertable<AdvisorySchema[T]>[] };
type BufferedTable = 'vulnerability' | 'alias' | 'advisory_source' | 'vuln_reference' | 'affected' | 'severity' | 'kev' | 'epss' | 'eol';

export class AdvisoryWriter {
  private rows = emptyRows();
  private buffered = 0;
  /**
   * The batch sqlite is writing now. Parsing goes on meanwhile (sqlite3 works on its own
   * thread), so feed reading and database writing overlap instead of taking turns; at most
   * one batch is written while the next one fills.
   */
  private writing: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly db: AdvisoryDb,
    private readonly rowsPerBatch = 20_000,
  ) {}

  async add(record: FeedRecord): Promise<void> {
    if (record.kind === 'advisory') {
      const advisory = record.advisory;
      this.push('vulnerability', [vulnerabilityRow(advisory)]);
      this.push('advisory_source', [{ vuln_id: advisory.id, source: advisory.source }]);
      this.push('alias', aliasRows(advisory));
      this.push('vuln_reference', referenceRows(advisory));
      this.push('affected', affectedRows(advisory));
      this.push('severity', severityRows(advisory));
    } else if (record.kind === 'kev') {
      this.push('kev', [kevRow(record.entry)]);
    } else if (record.kind === 'eol') {
      this.push('eol', [eolRow(record.release)]);
    } else if (record.kind === 'epss') {
      this.push('epss', [epssRow(record.score)]);
    }
    // A `data-date` record dates the source (source_meta, written by the build), no row here.
    if (this.buffered >= this.rowsPerBatch) await this.startBatch();
  }

  /** Writes everything buffered and waits until it is in the database. */
  async flush(): Promise<void> {
    await this.startBatch();
    await this.settle();
  }

  /** Waits for the batch being written; rethrows its failure. */
  async settle(): Promise<void> {
    await this.writing;
    this.writing = undefined;
    if (this.failure) throw this.failure.error;
  }

  private async startBatch(): Promise<void> {
    await this.settle();
    if (this.buffered === 0) return;
    const rows = this.rows;
    this.rows = emptyRows();
    this.buffered = 0;
    // The failure is kept for the next call: a rejection nobody awaits yet would end the process.
    this.writing = this.write(rows).catch((error: unknown) => {
      this.failure = { error };
    });
  }

  private async write(rows: Rows): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of chunked(rows.vulnerability)) await upsertVulnerabilities(trx, chunk);
      for (const chunk of chunked(rows.advisory_source)) await trx.insertInto('advisory_source').orIgnore().values(chunk).execute();
      for (const chunk of chunked(rows.alias)) await trx.insertInto('alias').orIgnore().values(chunk).execute();
      for (const chunk of chunked(rows.vuln_reference)) await trx.insertInto('vuln_reference').orIgnore().values(chunk).execute();
      for (const chunk of chunked(rows.affected)) await trx.insertInto('affected').values(chunk).execute();
      // First rater wins for one (vulnerability, rater, CVSS version).
      for (const chunk of chunked(rows.severity)) await trx.insertInto('severity').orIgnore().values(chunk).execute();
      for (const chunk of chunked(rows.kev)) await trx.insertInto('kev').orIgnore().values(chunk).execute();
      for (const chunk of chunked(rows.epss)) await upsertEpss(trx, chunk);
      // A release listed twice (two responses) keeps the first, as the other tables do.
      for (const chunk of chunked(rows.eol)) await trx.insertInto('eol').orIgnore().values(chunk).execute();
    });
  }

  private push<T extends BufferedTable>(table: T, rows: Rows[T]): void {
    // One by one: spreading 200,000 rows as arguments overflows the stack.
    const into = this.rows[table] as unknown[];
    for (const row of rows) into.push(row);
    this.buffered += rows.length;
  }
}

function emptyRows(): Rows {
  return {
    vulnerability: [], alias: [], advisory_source: [], vuln_reference: [], affected: [], severity: [],
    kev: [], epss: [], eol: [], source_meta: [], bundle_meta: [], base_catalog: [], schema_migrations: [],
  };
}

function* chunked<R extends object>(rows: R[]): Generator<R[]> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS_PER_INSERT / perRow));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function upsertVulnerabilities(trx: Transaction<AdvisorySchema>, rows: Rows['vulnerability']): Promise<void> {
  await trx
    .insertInto('vulnerability')
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        summary: sql`coalesce(vulnerability.summary, excluded.summary)`,
        description: sql`case when vulnerability.description is null or excluded.description_rank > vulnerability.description_rank
          then coalesce(excluded.description, vulnerability.description) else vulnerability.description end`,
        description_rank: sql`max(vulnerability.description_rank, excluded.description_rank)`,
        published: sql`min(coalesce(vulnerability.published, excluded.published), coalesce(excluded.published, vulnerability.published))`,
        modified: sql`max(coalesce(vulnerability.modified, excluded.modified), coalesce(excluded.modified, vulnerability.modified))`,
        withdrawn: sql`coalesce(vulnerability.withdrawn, excluded.withdrawn)`,
      }),
    )
    .execute();
}

/** Two EPSS files (different days) may both be fed in: the newer score wins. */
async function upsertEpss(trx: Transaction<AdvisorySchema>, rows: Rows['epss']): Promise<void> {
  await trx
    .insertInto('epss')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('cve')
        .doUpdateSet({
          epss: sql`excluded.epss`,
          percentile: sql`excluded.percentile`,
          date: sql`excluded.date`,
          model: sql`excluded.model`,
        })
        .where(sql<boolean>`coalesce(excluded.date, '') > coalesce(epss.date, '')`),
    )
    .execute();
}

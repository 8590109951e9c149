/**
 * Builds a fresh advisory database from a directory of public feeds: one walk
 * of the tree hands each feed file, archive or checkout to the importer that
 * claims it (feed-walk.ts); the claimed entries are read and streamed into a
 * new SQLite file. The file is written
 * under a temporary name and renamed into place only when complete, so a
 * failed build never leaves a half-written database at `outFile`.
 */
import { rename, rm, stat } from 'node:fs/promises';
import { sql } from 'kysely';
import type { FeedImporter, FeedWarning } from '../advisories/model.js';
import { InputError } from '../errors.js';
import { claimedEntries } from './feed-walk.js';
import { openAdvisoryDb, type AdvisoryDb } from './open.js';
import { AdvisoryWriter } from './writer.js';

export type BuildProgress =
  | { kind: 'read'; source: string; path: string }
  | { kind: 'records'; source: string; records: number }
  | { kind: 'finalize'; step: 'dedupe' | 'source-meta' | 'vacuum' | 'analyze' };

export interface BuildOptions {
  feedsDir: string;
  outFile: string;
  /** In order of preference: when two sources describe the same package in the same namespace, the earlier one is kept. */
  importers: FeedImporter[];
  onProgress?: (event: BuildProgress) => void;
  /** The build time, which no data date may be after (default: now). */
  now?: Date;
}

export interface SourceSummary {
  name: string;
  records: number;
  warnings: number;
  dataDate?: string;
}

export interface BuildResult {
  sources: SourceSummary[];
  warnings: FeedWarning[];
}

const PROGRESS_EVERY = 10_000;

export async function buildAdvisoryDatabase(options: BuildOptions): Promise<BuildResult> {
  const { feedsDir, outFile, importers, onProgress } = options;
  const info = await stat(feedsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(feedsDir, 'feeds directory not found');

  const tmpFile = `${outFile}.building-${process.pid}`;
  // The compacted copy VACUUM INTO writes; it becomes `outFile`.
  const compactFile = `${outFile}.compacting-${process.pid}`;
  await removeDatabaseFiles(tmpFile);
  await removeDatabaseFiles(compactFile);
  const db = await openAdvisoryDb(tmpFile, { readonly: false });
  try {
    await tuneForBuild(db);
    const result = await importAll(db, options);
    if (result.sources.length === 0) {
      throw new InputError(feedsDir, `holds no feed that an importer recognizes (importers: ${importers.map((i) => i.name).join(', ')})`);
    }
    await finalize(db, result, compactFile, onProgress);
    await db.destroy();
    await rename(compactFile, outFile);
    await removeDatabaseFiles(tmpFile);
    return { sources: result.sources, warnings: result.warnings };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await removeDatabaseFiles(tmpFile);
    await removeDatabaseFiles(compactFile);
    throw error;
  }
}

interface ImportState extends BuildResult {
  /** Preference rank of each record source (index of the importer that produced it). */
  sourceRank: Map<string, number>;
}

async function importAll(db: AdvisoryDb, { feedsDir, importers, onProgress, now = new Date() }: BuildOptions): Promise<ImportState> {
  const writer = new AdvisoryWriter(db);
  const summaries = new Map<string, SourceSummary>();
  const state: ImportState = { sources: [], warnings: [], sourceRank: new Map() };

  try {
    await readClaims(writer, summaries, state, { feedsDir, importers, onProgress, now });
    await writer.flush();
  } finally {
    // A failed read must not leave a batch being written while the database is closed.
    await writer.settle().catch(() => undefined);
  }
  state.sources = [...summaries.values()];
  return state;
}

async function readClaims(
  writer: AdvisoryWriter,
  summaries: Map<string, SourceSummary>,
  state: ImportState,
  { feedsDir, importers, onProgress, now }: Required<Pick<BuildOptions, 'feedsDir' | 'importers' | 'now'>> &
    Pick<BuildOptions, 'onProgress'>,
): Promise<void> {
  for await (const claim of claimedEntries(feedsDir, importers)) {
    if ('problem' in claim) {
      state.warnings.push({ file: claim.path, message: claim.problem });
      continue;
    }
    for (const importer of claim.importers) {
      const rank = importers.indexOf(importer);
      const summary = summaries.get(importer.name) ?? { name: importer.name, records: 0, warnings: 0 };
      summaries.set(importer.name, summary);
      onProgress?.({ kind: 'read', source: importer.name, path: claim.path });
      const ctx = {
        warn: (warning: FeedWarning) => {
          state.warnings.push(warning);
          summary.warnings += 1;
        },
      };
      for await (const record of importer.read(claim.path, ctx)) {
        if (record.kind === 'data-date') {
          // One record dated in the future must not make the source look fresh forever.
          const date = clampDataDate(record.date, now, (message) => {
            state.warnings.push({ file: claim.path, message });
            summary.warnings += 1;
          });
          if (date && (!summary.dataDate || date > summary.dataDate)) summary.dataDate = date;
          continue;
        }
        if (record.kind === 'advisory') {
          const known = state.sourceRank.get(record.advisory.source);
          if (known === undefined || rank < known) state.sourceRank.set(record.advisory.source, rank);
        }
        await writer.add(record);
        summary.records += 1;
        if (summary.records % PROGRESS_EVERY === 0) onProgress?.({ kind: 'records', source: importer.name, records: summary.records });
      }
    }
  }
}

/**
 * A data date after the build time (a feed record dated 2099) would make the database
 * look fresh forever: it is clamped to the build time, with a warning naming the file.
 */
export function clampDataDate(date: string | undefined, now: Date, warn: (message: string) => void): string | undefined {
  if (!date) return undefined;
  const when = Date.parse(date);
  if (Number.isNaN(when) || when <= now.getTime()) return date;
  const clamped = date.length === 10 ? now.toISOString().slice(0, 10) : now.toISOString();
  warn(`data date ${date} is after the build time ${now.toISOString()}; clamped to ${clamped}`);
  return clamped;
}

/**
 * Memory must not grow with the database. A failed build is deleted, not recovered, so there is
 * no rollback journal at all (an in-memory one held every page a statement touched: the dedupe
 * delete, and a plain VACUUM's copy-back, the whole database); temporary tables and sorts go to
 * files; the page cache is a fixed size.
 */
async function tuneForBuild(db: AdvisoryDb): Promise<void> {
  await sql`pragma synchronous = off`.execute(db);
  await sql`pragma journal_mode = off`.execute(db);
  await sql`pragma temp_store = file`.execute(db);
  await sql.raw(`pragma cache_size = -${BUILD_CACHE_KIB}`).execute(db);
}

/** Page cache of the build connection, KiB: enough for the indexes' hot pages, fixed whatever the feed size. */
const BUILD_CACHE_KIB = 64 * 1024;

async function finalize(
  db: AdvisoryDb,
  state: ImportState,
  compactFile: string,
  onProgress?: (event: BuildProgress) => void,
): Promise<void> {
  onProgress?.({ kind: 'finalize', step: 'dedupe' });
  await dropAffectedCoveredByPreferredSource(db, state.sourceRank);
  onProgress?.({ kind: 'finalize', step: 'source-meta' });
  if (state.sources.length > 0) {
    await db
      .insertInto('source_meta')
      .values(state.sources.map((s) => ({ source: s.name, records: s.records, warnings: s.warnings, data_date: s.dataDate ?? null })))
      .execute();
  }
  // Statistics first: VACUUM INTO copies sqlite_stat1 with the tables.
  onProgress?.({ kind: 'finalize', step: 'analyze' });
  await sql`analyze`.execute(db);
  // A compact copy written straight to a new file, page by page: no journal, no copy-back.
  onProgress?.({ kind: 'finalize', step: 'vacuum' });
  await sql`vacuum into ${compactFile}`.execute(db);
}

/**
 * Two feeds of the same data (the Debian tracker JSON and its list files, say)
 * would otherwise give the same package two rows per vulnerability: keep the
 * rows of the preferred source. Several rows from one source stay (OSV gives
 * one per affected range).
 */
async function dropAffectedCoveredByPreferredSource(db: AdvisoryDb, ranks: Map<string, number>): Promise<void> {
  if (ranks.size < 2) return;
  await db.transaction().execute(async (trx) => {
    await sql`create temp table source_rank (source text primary key, rank integer not null)`.execute(trx);
    for (const [source, rank] of ranks) await sql`insert into source_rank values (${source}, ${rank})`.execute(trx);
    await sql`
      delete from affected where exists (
        select 1 from affected preferred
        join source_rank preferred_rank on preferred_rank.source = preferred.source
        join source_rank this_rank on this_rank.source = affected.source
        where preferred.namespace = affected.namespace and preferred.package = affected.package
          and preferred.vuln_id = affected.vuln_id and preferred_rank.rank < this_rank.rank)`.execute(trx);
    await sql`drop table source_rank`.execute(trx);
  });
}

async function removeDatabaseFiles(file: string): Promise<void> {
  for (const suffix of ['', '-journal', '-wal', '-shm']) await rm(file + suffix, { force: true });
}

/**
 * `airlock scan`: analyse an image (tarball, layout directory, `sbom:FILE`), match it, and
 * keep its snapshot and findings in the store so that later imports re-evaluate it
 * without the tarball. The result is the quickview plus where it was stored.
 */
import { statePaths } from '../config/paths.js';
import { UserError } from '../errors.js';
import { listStoredImages, type StoredImage } from '../store/images.js';
import { readBundleMeta } from '../db/bundle-meta.js';
import { openSnapshotStore, type SnapshotDb } from '../store/open.js';
import { reevaluateAll } from '../store/reevaluate.js';
import { isStorableName, saveSnapshot } from '../store/save.js';
import { imageInfo } from './cves.js';
import { resolveSbom, type ResolvedSbom } from './input.js';
import { checkDatabase, matchSbomWithDatabase, openScanDatabase, type MatchResult } from './match.js';
import { policyContextOrWarning } from './images.js';
import { storePolicyState } from '../policy/stored.js';
import { quickviewOf, type QuickviewOptions, type QuickviewResult } from './quickview.js';

export interface ScanOptions extends QuickviewOptions {
  /** False for `--no-store`: a one-off analysis. */
  store?: boolean;
  /** `--name`: a repo:tag to file the image under besides the archive's own names. */
  name?: string;
}

export interface ScanResult {
  quickview: QuickviewResult;
  /** The stored image as it now stands, unless `store` was false. */
  stored?: StoredImage;
  /** True when a snapshot of the same image was replaced. */
  replaced: boolean;
}

/**
 * A `db import` that swapped the database while this scan was matching re-evaluated the
 * store before this snapshot landed; bring the snapshot to the installed database now.
 */
async function catchUpWithImport(
  db: SnapshotDb,
  id: number,
  dbFile: string,
  usedSequence: number | undefined,
  now: Date,
): Promise<void> {
  const installed = await openScanDatabase(dbFile);
  let sequence: number | undefined;
  try {
    sequence = (await readBundleMeta(installed, dbFile))?.sequence;
  } finally {
    await installed.destroy();
  }
  if (sequence !== usedSequence) await reevaluateAll(db, dbFile, { trigger: 'scan', now, imageIds: [id] });
}

/** What a scan reads and matches before it stores anything: the part that can run in a worker thread. */
export interface ScanAnalysis {
  resolved: ResolvedSbom;
  result: MatchResult;
}

/** Rejects a `--name` that is not an image reference, before any image is read. */
export function checkScanName(name: string | undefined): void {
  if (name !== undefined && !isStorableName(name)) {
    throw new UserError(`--name ${JSON.stringify(name)} is not an image reference`, {
      hint: 'use name:tag or registry/name:tag, e.g. --name app:1.0',
    });
  }
}

/** Reads and matches one image; stores nothing. */
export async function analyzeForScan(input: string, options: ScanOptions = {}): Promise<ScanAnalysis> {
  const now = options.now ?? new Date();
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  const storeFile = options.storeFile ?? statePaths().snapshotDb;
  const resolved = await resolveSbom(input, { ...options, storeFile, now });
  const result = await matchSbomWithDatabase(resolved.sbom, dbFile, now, options);
  return { resolved, result };
}

export async function scanImage(input: string, options: ScanOptions = {}): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  checkScanName(options.name);
  await checkDatabase(dbFile, now, options);
  return storeScan(await analyzeForScan(input, { ...options, now }), { ...options, now });
}

/** Stores an analysed image (unless `store` is false) and computes the quickview shown for it. */
export async function storeScan(analysis: ScanAnalysis, options: ScanOptions = {}): Promise<ScanResult> {
  const { resolved, result } = analysis;
  const now = options.now ?? new Date();
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  const storeFile = options.storeFile ?? statePaths().snapshotDb;
  let stored: StoredImage | undefined;
  let replaced = false;
  const policyWarnings: string[] = [];
  if (options.store !== false) {
    const db = await openSnapshotStore(storeFile);
    try {
      // A stored image scanned again keeps the source it was first read from.
      const sbom = resolved.stored
        ? { ...resolved.sbom, image: { ...resolved.sbom.image, source: resolved.stored.source } }
        : resolved.sbom;
      const origin = resolved.origin === 'stored' ? resolved.stored!.origin : resolved.origin;
      const saved = await saveSnapshot(db, {
        sbom,
        origin,
        names: options.name ? [options.name] : [],
        findings: result.findings,
        sequence: result.database.sequence,
        now,
      });
      replaced = saved.replaced;
      await catchUpWithImport(db, saved.id, dbFile, result.database.sequence, now);
      const { ctx, warning } = await policyContextOrWarning(db);
      if (ctx) await storePolicyState(db, saved.id, sbom, result.findings, ctx, now);
      if (warning) policyWarnings.push(warning);
      [stored] = await listStoredImages(db, [saved.id]);
    } finally {
      await db.destroy();
    }
  }
  // The store keeps raw findings; what is shown applies VEX decisions and the base catalog, as quickview does.
  const quickview = await quickviewOf(
    result,
    { ...options, dbFile, storeFile, now },
    { name: options.name ?? imageInfo(resolved.sbom).name, notices: resolved.notices },
  );
  return {
    quickview: policyWarnings.length
      ? { ...quickview, warnings: [...quickview.warnings, ...policyWarnings] }
      : quickview,
    ...(stored ? { stored } : {}),
    replaced,
  };
}

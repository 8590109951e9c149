/**
 * `db status`, `db import`, `db rollback`: the installed advisory database. An import or a
 * rollback then re-evaluates the stored images, and an import files the base images the
 * bundle carries; neither follow-up can undo the database change, so their failures come
 * back as messages beside the result, not as errors.
 */
import { readBundledBases } from '../bundle/base-images.js';
import { importBundle, type ImportResult } from '../bundle/import.js';
import { rollbackDatabase, type RollbackResult } from '../bundle/rollback.js';
import { databaseStatus, type DatabaseStatus } from '../bundle/status.js';
import { loadDefaultTrustStore } from '../bundle/trust.js';
import { statePaths, type StatePaths } from '../config/paths.js';
import type { Reevaluation } from '../store/reevaluate.js';
import { addBundledBases } from './bundled-bases.js';
import { reevaluateAfterDatabaseChange } from './images.js';

export interface DbOptions {
  /** Default: the state directory's (AIRLOCK_HOME). */
  paths?: StatePaths;
}

export function installedDatabaseStatus(options: DbOptions & { now?: Date } = {}): Promise<DatabaseStatus> {
  return databaseStatus(options.paths ?? statePaths(), options.now);
}

/** The stored images after the database changed: their re-evaluation, or why it failed. */
export interface AfterDatabaseChange {
  reevaluation?: Reevaluation;
  reevaluationFailure?: string;
}

export interface DbImportOptions extends DbOptions {
  /** A bundle file, or a directory whose newest valid bundle is taken. */
  path: string;
  allowExpired?: boolean;
  allowDowngrade?: boolean;
  /** The trust store's own warnings, given before the import runs (which may fail). */
  onTrustWarnings?: (warnings: string[]) => void;
}

export interface DbImportResult extends AfterDatabaseChange {
  imported: ImportResult;
  /** Names of the base images the bundle carried, now in the catalog. */
  addedBases: string[];
  /** Why the bundle's base images were not added, when they were not. */
  basesFailure?: string;
}

export async function importDatabase(options: DbImportOptions): Promise<DbImportResult> {
  const paths = options.paths ?? statePaths();
  const trust = await loadDefaultTrustStore(paths.keyring);
  options.onTrustWarnings?.(trust.warnings);
  const imported = await importBundle({
    path: options.path,
    paths,
    trust,
    allowExpired: options.allowExpired,
    allowDowngrade: options.allowDowngrade,
  });
  // Stored snapshots meet the new advisories now; the import above stands whatever happens here.
  const after = await afterDatabaseChange(paths, 'db import');
  // Base images the bundle carries join the local catalog; a failure here never undoes the import.
  try {
    const addedBases = await addBundledBases(await readBundledBases(paths.advisoryDb), {
      storeFile: paths.snapshotDb,
      dbFile: paths.advisoryDb,
    });
    return { imported, ...after, addedBases };
  } catch (err) {
    return { imported, ...after, addedBases: [], basesFailure: (err as Error).message };
  }
}

export interface DbRollbackResult extends AfterDatabaseChange {
  rollback: RollbackResult;
}

export async function rollbackInstalledDatabase(options: DbOptions = {}): Promise<DbRollbackResult> {
  const paths = options.paths ?? statePaths();
  const rollback = await rollbackDatabase(paths);
  return { rollback, ...(await afterDatabaseChange(paths, 'db rollback')) };
}

async function afterDatabaseChange(
  paths: StatePaths,
  trigger: 'db import' | 'db rollback',
): Promise<AfterDatabaseChange> {
  const after = await reevaluateAfterDatabaseChange({ storeFile: paths.snapshotDb, dbFile: paths.advisoryDb, trigger });
  return {
    ...(after.result ? { reevaluation: after.result } : {}),
    ...(after.failure ? { reevaluationFailure: after.failure } : {}),
  };
}

import { ensureImportSpace, mb, type ImportSpace } from './import-space.js';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { StatePaths } from '../config/paths.js';
import { InputError, UserError } from '../errors.js';
import { writingTo } from '../system/failures.js';
import type { BundleManifest } from './format.js';
import { stampBundleMeta } from '../db/bundle-meta.js';
import { manifestMetaEntries, readInstalledMeta } from './meta.js';
import { extractPayload } from './payload.js';
import {
  ADVISORY_SCHEMA_VERSION,
  isReadableSchemaVersion,
  OLDEST_READABLE_SCHEMA_VERSION,
} from '../db/schema-version.js';
import { AIRLOCK_VERSION } from '../version.js';
import { schemaVersionOf } from './schema.js';
import { selectNewestBundle, type SkippedBundle } from './select.js';
import { withSqlite } from './sqlite.js';
import { fsyncFile, replaceKeepingPrevious, stateTempPath, sweepDeadLeftovers, withStateLock } from './state-files.js';
import { readTrustedState, recordInstalled, type TrustedState } from './trusted-state.js';
import type { TrustStore } from './trust.js';
import { checkBundlePolicy, verifyBundle, type VerifiedBundle } from './verify.js';

export interface ImportOptions {
  /** A bundle file, or a directory whose newest valid bundle is taken. */
  path: string;
  paths: StatePaths;
  trust: TrustStore;
  now?: Date;
  allowExpired?: boolean;
  allowDowngrade?: boolean;
  airlockVersion?: string;
}

export interface ImportResult {
  bundleFile: string;
  manifest: BundleManifest;
  signer: string;
  previousSequence?: number;
  /** The disk the import needed in $AIRLOCK_HOME and what was free when it began. */
  space: ImportSpace;
  warnings: string[];
  skipped: SkippedBundle[];
}

/**
 * verify → unpack into a temp file in the state dir → integrity and schema checks →
 * bundle_meta → fsync → keep the old database as `previous` → rename into place.
 * Until the last rename nothing the scanner reads has changed; any failure removes the
 * temp file and leaves the installed database as it was, byte for byte.
 */
export async function importBundle(options: ImportOptions): Promise<ImportResult> {
  const { paths, trust } = options;
  const policy = {
    now: options.now ?? new Date(),
    allowExpired: options.allowExpired,
    airlockVersion: options.airlockVersion ?? AIRLOCK_VERSION,
  };
  const isDir = (await stat(options.path).catch(() => undefined))?.isDirectory() ?? false;
  const { bundle, skipped } = isDir
    ? await selectNewestBundle(options.path, trust, policy)
    : { bundle: await verifyBundle(options.path, trust), skipped: [] };
  const warnings = checkBundlePolicy(bundle, policy);
  const { manifest, file } = bundle;
  if (!isReadableSchemaVersion(manifest.schemaVersion)) {
    throw new InputError(
      file,
      `advisory schema version ${manifest.schemaVersion} is not one this airlock reads (${OLDEST_READABLE_SCHEMA_VERSION} to ${ADVISORY_SCHEMA_VERSION})`,
      { hint: 'use a bundle built by a matching airlock version' },
    );
  }
  await mkdir(paths.home, { recursive: true, mode: 0o700 });
  return withStateLock(paths.home, async () => {
    await sweepDeadLeftovers(paths.home);
    const trusted = await readFloor(paths.trustedState, options.allowDowngrade === true, warnings);
    const previousSequence = await installedSequence(paths.advisoryDb, warnings);
    const passedOver = skipped.length
      ? `; newer files were passed over: ${skipped.map((s) => `${basename(s.file)} (${s.reason})`).join(', ')}`
      : '';
    const refusal =
      previousSequence !== undefined && manifest.sequence <= previousSequence
        ? `bundle sequence ${manifest.sequence} is not above the installed database's sequence ${previousSequence}`
        : trusted && manifest.sequence < trusted.highestSequence
          ? `bundle sequence ${manifest.sequence} is below ${trusted.highestSequence}, the highest sequence ever installed here (recorded in ${paths.trustedState})`
          : undefined;
    if (refusal) {
      if (!options.allowDowngrade)
        throw new InputError(file, refusal, {
          hint: `this looks like a replayed older bundle; pass --allow-downgrade to install it anyway${passedOver}`,
        });
      warnings.push(`${refusal}; installing because --allow-downgrade was given`);
    }
    // Checked before anything is written: a disk that fills halfway costs the unpack's time for nothing.
    const space = await ensureImportSpace(paths.home, manifest.payload.uncompressedLength, paths.previousAdvisoryDb);
    if (space.removedPrevious !== undefined) {
      warnings.push(
        `removed the previous database (${mb(space.removedPrevious)}) first to make room: the import needs ${mb(space.needed)}, ${mb(space.available)} was free; \`db rollback\` will restore the database installed until now`,
      );
    }
    const temp = stateTempPath(paths.home, 'import');
    try {
      // The unpacked database is the big write: a full disk there names the database being installed.
      await writingTo(`${paths.advisoryDb} (unpacked first to ${temp})`, async () => {
        await extractPayload(bundle, temp);
        await prepareDatabase(temp, bundle, policy.now);
        await fsyncFile(temp);
      });
      await replaceKeepingPrevious(paths.home, paths.advisoryDb, temp, paths.previousAdvisoryDb);
      await recordInstalled(paths.trustedState, paths.home, trusted, {
        sequence: manifest.sequence,
        signer: bundle.signer.keyId,
        installedAt: policy.now.toISOString(),
      });
    } finally {
      await rm(temp, { force: true });
      await rm(`${temp}-journal`, { force: true });
    }
    return { bundleFile: file, manifest, signer: bundle.signer.keyId, previousSequence, space, warnings, skipped };
  });
}

/** The rollback floor; an unreadable record blocks the import unless --allow-downgrade, which then rewrites it. */
async function readFloor(file: string, allowDowngrade: boolean, warnings: string[]): Promise<TrustedState | undefined> {
  try {
    return await readTrustedState(file);
  } catch (err) {
    if (!allowDowngrade) throw err;
    warnings.push(`${(err as Error).message}; replacing it because --allow-downgrade was given`);
    return undefined;
  }
}

async function installedSequence(dbFile: string, warnings: string[]): Promise<number | undefined> {
  if (!(await stat(dbFile).catch(() => undefined))) return undefined;
  try {
    return (await readInstalledMeta(dbFile)).sequence;
  } catch (err) {
    // An unreadable installed database must not block the import that repairs it.
    warnings.push(`the installed database could not be read (${(err as Error).message}); replacing it`);
    return undefined;
  }
}

async function prepareDatabase(dbFile: string, bundle: VerifiedBundle, now: Date): Promise<void> {
  const { file, manifest } = bundle;
  try {
    await withSqlite(dbFile, 'readwrite', async (db) => {
      const check = await db.all<{ integrity_check: string }>('PRAGMA integrity_check');
      if (check.length !== 1 || check[0].integrity_check !== 'ok') {
        throw new InputError(
          file,
          // One row may hold several lines ("*** in database main ***" and problems): one line here.
          `payload database fails PRAGMA integrity_check: ${check
            .flatMap((r) => String(r.integrity_check).split('\n'))
            .map((line) => line.trim())
            .filter((line) => line && !/^\*\*\*.*\*\*\*$/.test(line))
            .slice(0, 3)
            .join('; ')}`,
        );
      }
      const tables = new Set(
        (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r.name),
      );
      for (const table of ['bundle_meta', 'source_meta'])
        if (!tables.has(table)) throw new InputError(file, `payload database has no ${table} table`);
      const schema = await schemaVersionOf(db);
      if (schema !== manifest.schemaVersion)
        throw new InputError(
          file,
          `payload database has schema version ${schema ?? 'none'}, the manifest says ${manifest.schemaVersion}`,
        );
    });
    await stampBundleMeta(dbFile, {
      ...manifestMetaEntries(manifest),
      payload_sha256: manifest.payload.sha256,
      installed_at: now.toISOString(),
      bundle_file: basename(file),
    });
    await withSqlite(dbFile, 'readwrite', (db) => db.run('PRAGMA journal_mode=DELETE'));
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_FULL')
      throw new InputError(dbFile, 'no space left to finish the advisory database', { cause: err });
    throw new InputError(file, `payload is not a usable SQLite database: ${(err as Error).message}`, { cause: err });
  }
}

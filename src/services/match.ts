/**
 * The shared first half of `cves`, `quickview` and `compare`: read the image, open the
 * installed advisory database read-only, match, and describe which data was used.
 * No printing; problems the user must know about come back as `warnings`.
 */
import { access } from 'node:fs/promises';
import { databaseAge } from '../bundle/staleness.js';
import { statePaths } from '../config/paths.js';
import { readBundleMeta } from '../db/bundle-meta.js';
import { openAdvisoryDb, type AdvisoryDb } from '../db/open.js';
import { readSourceMeta } from '../db/vulnerability-info.js';
import { UserError } from '../errors.js';
import type { AnalyzeOptions } from '../image/analyze.js';
import { matchSbom } from '../match/index.js';
import type { DatabaseInfo, MatchResult } from '../findings/model.js';
import { coverageOf, type CoverageEntry } from '../match/coverage.js';
import {
  failsStaleness,
  judgeStaleness,
  matchedSources,
  stalenessWarnings,
  type Staleness,
} from '../findings/staleness.js';
import { coverageWarnings } from '../match/coverage-text.js';
import type { Sbom } from '../sbom/model.js';
import { resolveSbom } from './input.js';

export interface MatchImageOptions extends AnalyzeOptions {
  /** The advisory database; defaults to the installed one (`statePaths().advisoryDb`). */
  dbFile?: string;
  now?: Date;
  /** Read an image's layers even when it carries an SBOM attestation. */
  ignoreAttestations?: boolean;
  /** The snapshot store that stored image names are looked up in; defaults to `statePaths().snapshotDb`. */
  storeFile?: string;
  /** Days after which the database is stale (default 7, or AIRLOCK_MAX_DB_AGE_DAYS). */
  maxAgeDays?: number;
  /** A stale or expired database is an error, not a warning (`--fail-on-stale`). */
  failOnStale?: boolean;
  /** Also match language packages whose files an OS package owns in their own ecosystem (`--include-os-owned`). */
  includeOsOwned?: boolean;
}

export type StalenessPolicy = Pick<MatchImageOptions, 'maxAgeDays' | 'failOnStale'>;

/** The default maximum age: AIRLOCK_MAX_DB_AGE_DAYS when set to a whole number, else 7 days. */
export function defaultMaxAgeDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.AIRLOCK_MAX_DB_AGE_DAYS);
  return Number.isInteger(days) && days >= 0 && env.AIRLOCK_MAX_DB_AGE_DAYS !== '' ? days : 7;
}

export type { MatchResult } from '../findings/model.js';

/** Opens the database for scanning; a missing one is the user's to fix, with the command that fixes it. */
export async function openScanDatabase(file: string): Promise<AdvisoryDb> {
  try {
    await access(file);
  } catch (cause) {
    throw new UserError(`no advisory database at ${file}`, {
      hint: 'import a bundle first: airlock db import <bundle>',
      cause,
    });
  }
  return openAdvisoryDb(file, { readonly: true });
}

export async function databaseInfo(db: AdvisoryDb, file: string, now: Date): Promise<DatabaseInfo> {
  const [meta, sources] = await Promise.all([readBundleMeta(db, file), readSourceMeta(db)]);
  const dates = sources.map((s) => s.dataDate).filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)));
  const dataDate = dates.sort().at(-1);
  const info: DatabaseInfo = {
    path: file,
    sources: sources.map((s) => ({
      name: s.source,
      records: s.records,
      ...(s.dataDate ? { dataDate: s.dataDate } : {}),
    })),
  };
  if (dataDate) info.dataDate = dataDate;
  if (meta) {
    Object.assign(info, {
      sequence: meta.sequence,
      created: meta.created,
      expires: meta.expires,
      ageDays: databaseAge(meta, now),
    });
  } else if (dataDate) {
    info.ageDays = databaseAge({ created: dataDate }, now);
  }
  return info;
}

/** Where the database came from: a local build (never imported from a signed bundle) says so. */
function provenanceWarnings(info: DatabaseInfo): string[] {
  if (info.created) return [];
  return [
    'the advisory database was not imported from a signed bundle (no sequence); findings are only as current as its feeds',
  ];
}

/**
 * Staleness of the sources the image was matched against; under `failOnStale` a stale,
 * undated or expired basis is an error. Undated fails too, as grype's age validation
 * fails when it cannot read the age: the user asked for a scan on data known to be fresh.
 */
function judgeBasis(coverage: CoverageEntry[], info: DatabaseInfo, now: Date, policy: StalenessPolicy): Staleness {
  const staleness = judgeStaleness(matchedSources(coverage), info, now, policy.maxAgeDays ?? defaultMaxAgeDays());
  if (policy.failOnStale && failsStaleness(staleness)) throw staleError(stalenessWarnings(staleness));
  return staleness;
}

function staleError(reasons: string[]): UserError {
  return new UserError(reasons.join('; '), {
    hint: 'import a bundle built from newer feeds with `airlock db import`, or raise --max-age',
    exitCode: 1,
  });
}

/**
 * Fails fast, before the image is read: a missing or unreadable database; under
 * `failOnStale` an expired bundle, or one where no source of advisories is fresh, since
 * whatever the image matches then is stale or undated. Otherwise the matched sources are
 * judged after matching.
 */
export async function checkDatabase(dbFile: string, now: Date, policy: StalenessPolicy = {}): Promise<void> {
  const db = await openScanDatabase(dbFile);
  try {
    if (!policy.failOnStale) return;
    const info = await databaseInfo(db, dbFile, now);
    const every = info.sources.filter((s) => s.records > 0).map((s) => ({ source: s.name, namespaces: [] }));
    const staleness = judgeStaleness(every, info, now, policy.maxAgeDays ?? defaultMaxAgeDays());
    const fresh = staleness.sources.length - staleness.stale.length - staleness.undated.length;
    if (staleness.expired || (staleness.sources.length > 0 && fresh === 0))
      throw staleError(stalenessWarnings(staleness));
  } finally {
    await db.destroy();
  }
}

/** Matches an already generated SBOM (a stored snapshot, or one from `generateSbom`). */
export async function matchSbomWithDatabase(
  sbom: Sbom,
  dbFile: string,
  now: Date,
  policy: StalenessPolicy & { includeOsOwned?: boolean } = {},
): Promise<MatchResult> {
  const db = await openScanDatabase(dbFile);
  try {
    const findings = await matchSbom(sbom, db, { includeOsOwned: policy.includeOsOwned });
    const database = await databaseInfo(db, dbFile, now);
    const coverage = await coverageOf(sbom, db, now, { includeOsOwned: policy.includeOsOwned });
    const staleness = judgeBasis(coverage.entries, database, now, policy);
    return {
      sbom,
      findings,
      database,
      coverage,
      staleness,
      warnings: [
        ...coverageWarnings(coverage, sbom.distro),
        ...stalenessWarnings(staleness),
        ...provenanceWarnings(database),
      ],
    };
  } finally {
    await db.destroy();
  }
}

export async function matchImage(input: string, options: MatchImageOptions = {}): Promise<MatchResult> {
  const now = options.now ?? new Date();
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  // Fail on a missing (or, with --fail-on-stale, stale) database before spending time on the image.
  await checkDatabase(dbFile, now, options);
  // A tarball, a layout directory, `sbom:FILE` or a stored image's name (src/services/input.ts).
  const resolved = await resolveSbom(input, { ...options, now });
  const result = await matchSbomWithDatabase(resolved.sbom, dbFile, now, options);
  return { ...result, warnings: [...resolved.notices, ...result.warnings] };
}

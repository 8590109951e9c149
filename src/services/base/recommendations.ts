/**
 * `airlock recommendations IMAGE`: the image's base image and every catalog image it could
 * move to (refreshed builds of its tag, newer tags of its repository), each with its
 * counts and per-band delta, against the advisory database in use.
 */
import { statePaths } from '../../config/paths.js';
import type { DatabaseInfo } from '../../findings/model.js';
import { imageInfo } from '../cves.js';
import { resolveSbom } from '../input.js';
import { databaseInfo, openScanDatabase, type MatchImageOptions } from '../match.js';
import { analyzeBase } from './analyze.js';
import type { BaseCandidate, BaseImageRow, CandidateKind } from '../../base/model.js';

export interface RecommendationOptions extends MatchImageOptions {
  override?: string;
  /** `--only-refresh` / `--only-update`. */
  only?: CandidateKind;
}

export interface BaseRecommendations {
  image: { name: string };
  base?: BaseImageRow;
  candidates: BaseCandidate[];
  /** Why nothing is recommended (no base, a base not in the catalog, nothing newer). */
  reason?: string;
  notes: string[];
  database: DatabaseInfo;
  warnings: string[];
}

export async function recommendBaseImages(
  input: string,
  options: RecommendationOptions = {},
): Promise<BaseRecommendations> {
  const now = options.now ?? new Date();
  const dbFile = options.dbFile ?? statePaths().advisoryDb;
  const advisory = await openScanDatabase(dbFile);
  let database: DatabaseInfo;
  try {
    database = await databaseInfo(advisory, dbFile, now);
  } finally {
    await advisory.destroy();
  }
  const resolved = await resolveSbom(input, { ...options, now });
  const analysis = await analyzeBase(resolved.sbom, {
    override: options.override,
    storeFile: options.storeFile,
    dbFile,
    all: true,
  });
  const candidates = analysis.candidates.filter((c) => !options.only || c.kind === options.only);
  const { detection } = analysis;
  const reason =
    detection.kind === 'none'
      ? `no base image identified: ${detection.reason}`
      : detection.kind === 'named'
        ? `its base image ${detection.name} is not in the base catalog, so there is nothing to compare it with; add it with \`airlock base add\``
        : candidates.length === 0
          ? noCandidates(analysis.base!.name, options.only)
          : undefined;
  return {
    image: { name: imageInfo(resolved.sbom).name },
    ...(analysis.base ? { base: analysis.base } : {}),
    candidates,
    ...(reason ? { reason } : {}),
    notes: detection.kind === 'catalog' ? detection.notes : [],
    database,
    warnings: resolved.notices,
  };
}

function noCandidates(base: string, only: CandidateKind | undefined): string {
  if (only === 'refreshed') return `the catalog has no newer build of ${base}`;
  if (only === 'updated') return `the catalog has no newer tag of ${base}'s repository`;
  return `the catalog has no newer build of ${base} and no newer tag of its repository`;
}

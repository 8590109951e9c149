/**
 * Base image of one image, against the catalog: detection (src/base/detect.ts), then the counts of
 * the base and of the candidates to move to (src/base/recommend.ts), each against the advisory
 * database in use, with its per-band delta from the base. A state directory without a
 * snapshot store has an empty catalog; reading it never creates one.
 */
import { existsSync } from 'node:fs';
import { statePaths } from '../../config/paths.js';
import { readBundleMeta } from '../../db/bundle-meta.js';
import { deltaCounts } from '../../store/findings.js';
import { openSnapshotStore, type SnapshotDb } from '../../store/open.js';
import type { Sbom } from '../../sbom/model.js';
import { openScanDatabase } from '../match.js';
import { listCatalog, type CatalogEntry } from '../../base/catalog.js';
import { catalogCounter } from './counts.js';
import { detectBase, type BaseDetection } from '../../base/detect.js';
import type { BaseCandidate, BaseImageRow, CandidateKind } from '../../base/model.js';
import { findCandidates } from '../../base/recommend.js';

export interface BaseAnalysisOptions {
  /** `--base NAME`: a catalog name or digest prefix. */
  override?: string;
  /** Defaults to `statePaths().snapshotDb`. */
  storeFile?: string;
  /** The advisory database in use; defaults to the installed one. */
  dbFile?: string;
  /** Every candidate (`airlock recommendations`), or only the best of each kind (quickview). */
  all?: boolean;
}

export interface BaseAnalysis {
  detection: BaseDetection;
  base?: BaseImageRow;
  candidates: BaseCandidate[];
}

/** The catalog as the store holds it; empty (and no store created) when nothing is stored. */
export async function withCatalog<T>(
  storeFile: string | undefined,
  body: (catalog: CatalogEntry[], store?: SnapshotDb) => Promise<T>,
): Promise<T> {
  const file = storeFile ?? statePaths().snapshotDb;
  if (!existsSync(file)) return body([]);
  const store = await openSnapshotStore(file);
  try {
    return await body(await listCatalog(store), store);
  } finally {
    await store.destroy();
  }
}

/** Detection only: what `cves --only-base` / `--ignore-base` split on. */
export function detectImageBase(
  sbom: Sbom,
  options: Pick<BaseAnalysisOptions, 'override' | 'storeFile'>,
): Promise<BaseDetection> {
  return withCatalog(options.storeFile, async (catalog) => detectBase(layersAndHints(sbom), catalog, options.override));
}

export const layersAndHints = (sbom: Sbom) => ({
  diffIds: sbom.image.layers.map((l) => l.diffId),
  labels: sbom.image.labels ?? {},
  annotations: sbom.image.annotations ?? {},
});

export function analyzeBase(sbom: Sbom, options: BaseAnalysisOptions = {}): Promise<BaseAnalysis> {
  return withCatalog(options.storeFile, async (catalog, store) => {
    const detection = detectBase(layersAndHints(sbom), catalog, options.override);
    if (detection.kind === 'none') return { detection, candidates: [] };
    if (detection.kind === 'named')
      return { detection, base: { name: detection.name, by: detection.by, note: detection.reason }, candidates: [] };
    const installedDbFile = statePaths().advisoryDb;
    const dbFile = options.dbFile ?? installedDbFile;
    const advisory = await openScanDatabase(dbFile);
    try {
      const sequence = (await readBundleMeta(advisory, dbFile))?.sequence;
      const countsOf = catalogCounter({ store: store!, advisory, dbFile, sequence, installedDbFile });
      const { entry } = detection;
      const counts = await countsOf(entry);
      const base: BaseImageRow = {
        name: entry.name,
        counts,
        by: detection.by,
        digest: entry.image.key,
        ...(entry.created ? { created: entry.created } : {}),
        layers: { base: detection.baseLayers, image: sbom.image.layers.length, assumed: detection.assumedLayers },
      };
      const found = findCandidates(entry, catalog);
      const pick = (list: CatalogEntry[]) => (options.all ? list : list.slice(0, 1));
      const candidates: BaseCandidate[] = [];
      for (const [kind, list] of [
        ['refreshed', pick(found.refreshed)],
        ['updated', pick(found.updated)],
      ] as [CandidateKind, CatalogEntry[]][]) {
        for (const e of list) {
          const theirs = await countsOf(e);
          candidates.push({
            kind,
            name: e.name,
            digest: e.image.key,
            ...(e.created ? { created: e.created } : {}),
            ...(e.image.os ? { os: e.image.os } : {}),
            counts: theirs,
            delta: deltaCounts(counts, theirs),
          });
        }
      }
      return { detection, base, candidates };
    } finally {
      await advisory.destroy();
    }
  });
}

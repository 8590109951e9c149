import type { Package, Warning } from '../../sbom/model.js';
import type { Cataloger, CatalogContext, CatalogResult, FileOwners, FileVersion } from '../types.js';
import { analysisIntroducer } from '../common/introduced-by.js';
import { layerChangesOf, type DatabaseHistory } from '../common/layer-changes.js';
import { readRpmDatabase, rpmDbFormat, RPM_DB_PATHS, type RpmDbAnalysis, type RpmDbFormat } from './database.js';
import { rpmEvr, rpmKey, rpmPackage } from './package.js';

/** When one image holds more than one database (a converted one left behind), the newer format wins a tie. */
const PREFERENCE: RpmDbFormat[] = ['sqlite', 'ndb', 'bdb'];

export const rpmCataloger: Cataloger = {
  name: 'rpm',
  // 2: a layer whose database cannot be read no longer counts as removing every package.
  version: 2,
  // The database is spilled to a temporary file and read from there, never held whole.
  maxFileBytes: 1024 * 1024 * 1024,
  atFixedPaths: true,
  wants: (path) => rpmDbFormat(path) !== undefined,
  async analyze(file) {
    const format = rpmDbFormat(file.path)!;
    return readRpmDatabase(format, await file.spill());
  },
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    const seen = new Set<string>();
    const owners: { name: string; files: string }[] = [];
    const databases = ctx.files
      .filter((f) => isAnalysis(f.analysis))
      .sort(
        (a, b) =>
          PREFERENCE.indexOf((a.analysis as RpmDbAnalysis).format) -
          PREFERENCE.indexOf((b.analysis as RpmDbAnalysis).format),
      );
    for (const file of databases) {
      const db = file.analysis as RpmDbAnalysis;
      for (const message of db.problems) warnings.push({ path: file.path, message });
      const introducedBy = analysisIntroducer(
        ctx.history(file.path),
        file.layer,
        isAnalysis,
        (a) => new Set(a.packages.map(rpmKey)),
      );
      for (const header of db.packages) {
        const key = rpmKey(header);
        if (seen.has(key)) continue;
        seen.add(key);
        packages.push(
          rpmPackage(header, { path: file.path, layerDiffId: file.layer.diffId }, ctx.distro, introducedBy(key).diffId),
        );
        owners.push({ name: header.name, files: header.files });
      }
    }
    const result: CatalogResult = { packages, warnings, fileOwners: rpmFileOwners(owners) };
    const histories = databaseHistories(ctx);
    if (histories.length > 0) result.layerChanges = layerChangesOf('rpm', histories);
    return result;
  },
};

/**
 * Every rpm database path's history, asked by path so a deleted database counts too.
 * The newer format ranks first: after a conversion the old file left behind is ignored.
 * A deleted version lists no packages; an unreadable one is no news.
 */
function databaseHistories(ctx: CatalogContext): DatabaseHistory[] {
  return RPM_DB_PATHS.map((path) => ({
    versions: ctx.history(path),
    rank: PREFERENCE.indexOf(rpmDbFormat(path)!),
    packagesOf: (v: FileVersion) => {
      if (v.deleted) return [];
      // A version that could not be read says nothing: the layer before it stands.
      return isAnalysis(v.analysis)
        ? v.analysis.packages.map((h) => ({ name: h.name, version: rpmEvr(h), arch: h.arch }))
        : undefined;
    },
  })).filter((h) => h.versions.length > 0);
}

function isAnalysis(a: unknown): a is RpmDbAnalysis {
  return typeof a === 'object' && a !== null && Array.isArray((a as RpmDbAnalysis).packages);
}

/**
 * The layer that introduced each package, from the analyses of every version of the
 * database file. layerIntroducer reads contents; each version is handed to it as its
 * index so that the analysis of that version can be looked up.
 */
function rpmFileOwners(owners: { name: string; files: string }[]): FileOwners {
  return {
    type: 'rpm',
    ownersOf(paths) {
      const found = new Map<string, string>();
      for (const { name, files } of owners) {
        for (const path of files.split('\n')) if (paths.has(path) && !found.has(path)) found.set(path, name);
      }
      return found;
    },
  };
}

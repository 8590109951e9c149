import type { Distro } from '../../sbom/model.js';
import type { FileOwners, FileVersion } from '../types.js';
import { layerChangesOf, type DatabaseHistory } from '../common/layer-changes.js';
import { fileCataloger, type Cataloged } from '../harness/file-cataloger.js';
import { readRpmDatabase, rpmDbFormat, RPM_DB_PATHS, type RpmDbAnalysis, type RpmDbFormat } from './database.js';
import type { RpmHeader } from './header.js';
import { rpmEvr, rpmKey, rpmPackage } from './package.js';

/** When one image holds more than one database (a converted one left behind), the newer format wins a tie. */
const PREFERENCE: RpmDbFormat[] = ['sqlite', 'ndb', 'bdb'];
const rankOf = (path: string): number => PREFERENCE.indexOf(rpmDbFormat(path)!);

export const rpmCataloger = fileCataloger<RpmHeader, Distro | undefined, RpmDbAnalysis>({
  name: 'rpm',
  // 2: a layer whose database cannot be read no longer counts as removing every package.
  version: 2,
  // The database is spilled to a temporary file and read from there, never held whole.
  maxFileBytes: 1024 * 1024 * 1024,
  atFixedPaths: true,
  wants: (path) => rpmDbFormat(path) !== undefined,
  fileKind: 'rpm database',
  analyze: async (file) => readRpmDatabase(rpmDbFormat(file.path)!, await file.spill()),
  read: (db) => ({ entries: db.packages, problems: db.problems }),
  rank: rankOf,
  key: rpmKey,
  // Both paths are present when one links to the other, or a converted database was left behind.
  oncePer: 'image',
  prepare: (ctx) => ctx.distro,
  toPackage: (header, _file, distro) => rpmPackage(header, distro),
  problem: (h, err) => `rpm package ${h.name} ${rpmEvr(h)}: ${err.message}; skipped`,
  finish: (done) => {
    const histories = databaseHistories(done);
    return {
      fileOwners: rpmFileOwners(done.reported),
      ...(histories.length > 0 ? { layerChanges: layerChangesOf('rpm', histories) } : {}),
    };
  },
});

/**
 * Every rpm database path's history, asked by path so a deleted database counts too.
 * The newer format ranks first: after a conversion the old file left behind is ignored.
 * A deleted version lists no packages; an unreadable one is no news.
 */
function databaseHistories({ ctx, entriesOf }: Cataloged<RpmHeader, unknown>): DatabaseHistory[] {
  return RPM_DB_PATHS.map((path) => ({
    versions: ctx.history(path),
    rank: rankOf(path),
    packagesOf: (v: FileVersion) => {
      if (v.deleted) return [];
      // A version that could not be read says nothing: the layer before it stands.
      return entriesOf(path, v)?.map((h) => ({ name: h.name, version: rpmEvr(h), arch: h.arch }));
    },
  })).filter((h) => h.versions.length > 0);
}

/** Which package owns each path: the first reported package that lists it, newer database formats first. */
function rpmFileOwners(reported: RpmHeader[]): FileOwners {
  return {
    type: 'rpm',
    ownersOf(paths) {
      const found = new Map<string, string>();
      for (const { name, files } of reported) {
        for (const path of files.split('\n')) if (paths.has(path) && !found.has(path)) found.set(path, name);
      }
      return found;
    },
  };
}

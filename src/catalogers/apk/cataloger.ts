import type { Distro } from '../../sbom/model.js';
import { layerChangesOf } from '../common/layer-changes.js';
import { osPackagePurl } from '../common/purl.js';
import { fileCataloger, type FoundPackage } from '../harness/file-cataloger.js';
import { apkLicenses, parseInstalledDb, type ApkEntry } from './installed-db.js';

/**
 * apk-tools 2 keeps its database in /lib/apk/db; apk-tools 3 and usr-merged systems
 * (Wolfi, Alpine with usr-merge) use /usr/lib/apk/db, often with the old path a symlink.
 */
const DB_PATHS = ['/lib/apk/db/installed', '/usr/lib/apk/db/installed'];

export const apkCataloger = fileCataloger<ApkEntry, Distro | undefined>({
  name: 'apk',
  version: 1,
  maxFileBytes: 32 * 1024 * 1024,
  atFixedPaths: true,
  wants: (path) => DB_PATHS.includes(path),
  fileKind: 'apk database',
  parse: parseInstalledDb,
  key: (e) => `${e.name}\0${e.version}\0${e.arch ?? ''}`,
  // Both paths are present when one links to the other: each package is reported once.
  oncePer: 'image',
  prepare: (ctx) => ctx.distro,
  toPackage: (entry, _file, distro) => toPackage(entry, distro),
  problem: (entry, err) => `apk package ${entry.name} ${entry.version}: ${err.message}; skipped`,
  // Asked by path, not by final file, so a database a later layer deleted still counts.
  finish: ({ ctx, entriesOf }) => {
    const histories = DB_PATHS.map((path) => ({
      versions: ctx.history(path),
      packagesOf: (v: Parameters<typeof entriesOf>[1]) => entriesOf(path, v) ?? [],
    })).filter((h) => h.versions.length > 0);
    return histories.length > 0 ? { layerChanges: layerChangesOf('apk', histories) } : {};
  },
});

function toPackage(entry: ApkEntry, distro: Distro | undefined): FoundPackage {
  const metadata: Record<string, string | number> = {};
  if (entry.maintainer) metadata.maintainer = entry.maintainer;
  if (entry.installedSize !== undefined) metadata.installedSize = entry.installedSize;
  if (entry.commit) metadata.commit = entry.commit;
  if (entry.buildTime !== undefined) metadata.buildTime = entry.buildTime;
  if (entry.url) metadata.url = entry.url;
  return {
    type: 'apk',
    name: entry.name,
    version: entry.version,
    purl: osPackagePurl({
      type: 'apk',
      namespace: distro?.id ?? 'alpine',
      name: entry.name,
      version: entry.version,
      arch: entry.arch,
      distro,
      sourceName: entry.origin,
    }),
    licenses: apkLicenses(entry.license),
    sourceName: entry.origin || undefined,
    arch: entry.arch || undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}

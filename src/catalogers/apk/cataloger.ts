import type { Distro, Package, Warning } from '../../sbom/model.js';
import type { Cataloger, CatalogResult, WantedFile } from '../types.js';
import { introducerOf } from '../common/introduced-by.js';
import { layerChangesOf, type DatabaseHistory } from '../common/layer-changes.js';
import { osPackagePurl } from '../common/purl.js';
import { apkLicenses, parseInstalledDb, type ApkEntry } from './installed-db.js';

/**
 * apk-tools 2 keeps its database in /lib/apk/db; apk-tools 3 and usr-merged systems
 * (Wolfi, Alpine with usr-merge) use /usr/lib/apk/db, often with the old path a symlink.
 */
const DB_PATHS = new Set(['/lib/apk/db/installed', '/usr/lib/apk/db/installed']);

const keyOf = (e: Pick<ApkEntry, 'name' | 'version' | 'arch'>) => `${e.name}\0${e.version}\0${e.arch ?? ''}`;

export const apkCataloger: Cataloger = {
  name: 'apk',
  version: 1,
  maxFileBytes: 32 * 1024 * 1024,
  atFixedPaths: true,
  wants: (path) => DB_PATHS.has(path),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const packages: Package[] = [];
    const seen = new Set<string>();
    // Each version of a database is parsed once, for the introducing layer and the layer changes.
    const parsed = new Map<Buffer, ApkEntry[]>();
    const entriesOf = (content: Buffer) => {
      let entries = parsed.get(content);
      if (!entries) parsed.set(content, (entries = parseInstalledDb(content.toString('utf8')).entries));
      return entries;
    };
    for (const file of ctx.files.filter((f) => DB_PATHS.has(f.path))) {
      const { entries, problems } = parseInstalledDb(file.content.toString('utf8'));
      parsed.set(file.content, entries);
      for (const message of problems) warnings.push({ path: file.path, message });
      const same = (content: Buffer) =>
        content !== file.content && content.equals(file.content) ? file.content : content;
      const introducedBy = introducerOf(ctx.history(file.path), file.layer, (v) =>
        v.content === undefined ? undefined : new Set(entriesOf(same(v.content)).map(keyOf)),
      );
      for (const entry of entries) {
        // Both paths are present when one links to the other: report each package once.
        const key = keyOf(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        packages.push(toPackage(entry, file, ctx.distro, introducedBy(key).diffId));
      }
    }
    // Asked by path, not by final file, so a database a later layer deleted still counts.
    const histories: DatabaseHistory[] = [...DB_PATHS]
      .map((path) => ({
        versions: ctx.history(path),
        packagesOf: (v: { content?: Buffer }) => (v.content === undefined ? [] : entriesOf(v.content)),
      }))
      .filter((h) => h.versions.length > 0);
    const result: CatalogResult = { packages, warnings };
    if (histories.length > 0) result.layerChanges = layerChangesOf('apk', histories);
    return result;
  },
};

function toPackage(entry: ApkEntry, file: WantedFile, distro: Distro | undefined, introducedByLayer: string): Package {
  const pkg: Package = {
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
    locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
    introducedByLayer,
    foundBy: 'apk',
  };
  if (entry.origin) pkg.sourceName = entry.origin;
  if (entry.arch) pkg.arch = entry.arch;
  const metadata: Record<string, string | number> = {};
  if (entry.maintainer) metadata.maintainer = entry.maintainer;
  if (entry.installedSize !== undefined) metadata.installedSize = entry.installedSize;
  if (entry.commit) metadata.commit = entry.commit;
  if (entry.buildTime !== undefined) metadata.buildTime = entry.buildTime;
  if (entry.url) metadata.url = entry.url;
  if (Object.keys(metadata).length > 0) pkg.metadata = metadata;
  return pkg;
}

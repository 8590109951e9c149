import type { Distro, Package, Warning } from '../../sbom/model.js';
import type { Cataloger, CatalogResult, FileVersion, WantedFile } from '../types.js';
import { introducerOf } from '../common/introduced-by.js';
import { layerChangesOf, type DatabaseHistory } from '../common/layer-changes.js';
import { osPackagePurl } from '../common/purl.js';
import { copyrightLicenses } from './copyright.js';
import { parseDeb822 } from './deb822.js';
import { dpkgFileOwners, isFileList } from './file-lists.js';
import { entryKey, readEntry, type DpkgEntry } from './status.js';

const STATUS_FILE = '/var/lib/dpkg/status';
/** Distroless images keep one file per package here, next to `<pkg>.md5sums`. */
const STATUS_DIR = '/var/lib/dpkg/status.d/';
const COPYRIGHT = /^\/usr\/share\/doc\/([^/]+)\/copyright$/;

function isStatusFile(path: string): boolean {
  if (path === STATUS_FILE) return true;
  if (!path.startsWith(STATUS_DIR)) return false;
  const name = path.slice(STATUS_DIR.length);
  return name !== '' && !name.includes('/') && !name.endsWith('.md5sums');
}

export const dpkgCataloger: Cataloger = {
  name: 'dpkg',
  // 2: status.d files deleted by a later layer count as removals in layerChanges.
  version: 2,
  // One limit serves the status database and the copyright files: large enough for the
  // status file of a desktop-sized image (a few MiB), small next to the memory it costs.
  maxFileBytes: 16 * 1024 * 1024,
  atFixedPaths: true,
  wants: (path) => isStatusFile(path) || COPYRIGHT.test(path) || isFileList(path),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const licenses = licensesByPackage(ctx.files);
    const packages: Package[] = [];
    const seen = new Set<string>();
    const histories: DatabaseHistory[] = [];
    for (const file of ctx.files.filter((f) => isStatusFile(f.path))) {
      const isStatusDir = file.path !== STATUS_FILE;
      // Each version is parsed once and serves both the introducing layer and the layer changes.
      const parsed = new Map<Buffer, DpkgEntry[]>();
      const entriesOf = (content: Buffer, warn: (message: string) => void = () => {}) => {
        let entries = parsed.get(content);
        if (!entries) parsed.set(content, (entries = readStatusFile(content, isStatusDir, warn)));
        return entries;
      };
      const entries = entriesOf(file.content, (message) => warnings.push({ path: file.path, message }));
      const finalVersion = (content: Buffer) =>
        content !== file.content && content.equals(file.content) ? file.content : content;
      const versions = ctx.history(file.path);
      const introducedBy = introducerOf(versions, file.layer, (v) =>
        v.content === undefined ? undefined : new Set(entriesOf(finalVersion(v.content)).map(entryKey)),
      );
      histories.push({
        versions,
        packagesOf: (v: FileVersion) => (v.content === undefined ? [] : entriesOf(finalVersion(v.content))),
      });
      for (const entry of entries) {
        const key = entryKey(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        packages.push(toPackage(entry, file, ctx.distro, licenses.get(entry.name) ?? [], introducedBy(key).diffId));
      }
    }
    // A status file (or a status.d file) a later layer deleted is not among the final files, but its history still says what went.
    for (const path of ctx.deletedPaths?.() ?? []) {
      if (!isStatusFile(path)) continue;
      const versions = ctx.history(path);
      if (versions.length > 0)
        histories.push({
          versions,
          packagesOf: (v) => (v.content === undefined ? [] : readStatusFile(v.content, path !== STATUS_FILE, () => {})),
        });
    }
    const installed = new Set(packages.map((p) => p.name));
    const result: CatalogResult = { packages, warnings, fileOwners: dpkgFileOwners(ctx.files, installed) };
    if (histories.length > 0) result.layerChanges = layerChangesOf('deb', histories);
    return result;
  },
};

/** The entries of one status file whose files are on disk; problems go to `warn`. */
function readStatusFile(content: Buffer, isStatusDir: boolean, warn: (message: string) => void): DpkgEntry[] {
  const { paragraphs, errors } = parseDeb822(content.toString('utf8'));
  for (const e of errors) warn(`${e.message}; paragraph skipped`);
  const entries: DpkgEntry[] = [];
  for (const paragraph of paragraphs) {
    const result = readEntry(paragraph, !isStatusDir);
    if ('entry' in result) entries.push(result.entry);
    else if ('error' in result) warn(`${result.error}; skipped`);
  }
  return entries;
}

function licensesByPackage(files: WantedFile[]): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  for (const file of files) {
    const match = COPYRIGHT.exec(file.path);
    if (match) byPackage.set(match[1], copyrightLicenses(file.content.toString('utf8')));
  }
  return byPackage;
}

function toPackage(
  entry: DpkgEntry,
  file: WantedFile,
  distro: Distro | undefined,
  licenses: string[],
  introducedByLayer: string,
): Package {
  const sourceVersion = entry.sourceVersion !== entry.version ? entry.sourceVersion : undefined;
  const pkg: Package = {
    type: 'deb',
    name: entry.name,
    version: entry.version,
    sourceName: entry.sourceName,
    purl: osPackagePurl({
      type: 'deb',
      namespace: distro?.id ?? 'debian',
      name: entry.name,
      version: entry.version,
      arch: entry.arch,
      distro,
      sourceName: entry.sourceName,
      sourceVersion,
    }),
    licenses,
    locations: [{ path: file.path, layerDiffId: file.layer.diffId }],
    introducedByLayer,
    foundBy: 'dpkg',
  };
  if (sourceVersion) pkg.sourceVersion = sourceVersion;
  if (entry.arch) pkg.arch = entry.arch;
  const metadata: Record<string, string | number> = {};
  if (entry.maintainer) metadata.maintainer = entry.maintainer;
  if (entry.installedSize !== undefined) metadata.installedSize = entry.installedSize;
  if (entry.status && entry.status !== 'install ok installed') metadata.status = entry.status;
  if (Object.keys(metadata).length > 0) pkg.metadata = metadata;
  return pkg;
}

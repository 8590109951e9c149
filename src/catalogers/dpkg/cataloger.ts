import type { Distro } from '../../sbom/model.js';
import { layerChangesOf, type DatabaseHistory } from '../common/layer-changes.js';
import { osPackagePurl } from '../common/purl.js';
import { fileCataloger, type FoundPackage, type Reading } from '../harness/file-cataloger.js';
import type { FileVersion, WantedFile } from '../types.js';
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

/** What every package needs beyond its status entry. */
interface Scope {
  distro?: Distro;
  licenses: Map<string, string[]>;
}

export const dpkgCataloger = fileCataloger<DpkgEntry, Scope>({
  name: 'dpkg',
  // 2: status.d files deleted by a later layer count as removals in layerChanges.
  version: 2,
  // One limit serves the status database and the copyright files: large enough for the
  // status file of a desktop-sized image (a few MiB), small next to the memory it costs.
  maxFileBytes: 16 * 1024 * 1024,
  atFixedPaths: true,
  wants: (path) => isStatusFile(path) || COPYRIGHT.test(path) || isFileList(path),
  lists: isStatusFile,
  fileKind: 'dpkg status file',
  parse: (text, path) => readStatusFile(text, path !== STATUS_FILE),
  key: entryKey,
  // A package listed both in the status file and in status.d is reported once.
  oncePer: 'image',
  prepare: (ctx) => ({ distro: ctx.distro, licenses: licensesByPackage(ctx.files) }),
  toPackage: (entry, _file, scope) => toPackage(entry, scope.distro, scope.licenses.get(entry.name) ?? []),
  problem: (entry, err) => `dpkg package ${entry.name} ${entry.version}: ${err.message}; skipped`,
  finish({ ctx, packages, entriesOf }) {
    // A status file (or a status.d file) a later layer deleted is not among the final
    // files, but its history still says what went.
    const paths = [...ctx.files.map((f) => f.path).filter(isStatusFile), ...(ctx.deletedPaths?.() ?? [])];
    const histories: DatabaseHistory[] = paths
      .filter(isStatusFile)
      .map((path) => ({
        versions: ctx.history(path),
        packagesOf: (v: FileVersion) => entriesOf(path, v) ?? [],
      }))
      .filter((h) => h.versions.length > 0);
    const installed = new Set(packages.map((p) => p.name));
    return {
      fileOwners: dpkgFileOwners(ctx.files, installed),
      ...(histories.length > 0 ? { layerChanges: layerChangesOf('deb', histories) } : {}),
    };
  },
});

/** The entries of one status file whose files are on disk, and what could not be read. */
function readStatusFile(text: string, isStatusDir: boolean): Reading<DpkgEntry> {
  const { paragraphs, errors } = parseDeb822(text);
  const problems = errors.map((e) => `${e.message}; paragraph skipped`);
  const entries: DpkgEntry[] = [];
  for (const paragraph of paragraphs) {
    const result = readEntry(paragraph, !isStatusDir);
    if ('entry' in result) entries.push(result.entry);
    else if ('error' in result) problems.push(`${result.error}; skipped`);
  }
  return { entries, problems };
}

function licensesByPackage(files: WantedFile[]): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  for (const file of files) {
    const match = COPYRIGHT.exec(file.path);
    if (match) byPackage.set(match[1], copyrightLicenses(file.content.toString('utf8')));
  }
  return byPackage;
}

function toPackage(entry: DpkgEntry, distro: Distro | undefined, licenses: string[]): FoundPackage {
  const sourceVersion = entry.sourceVersion !== entry.version ? entry.sourceVersion : undefined;
  const metadata: Record<string, string | number> = {};
  if (entry.maintainer) metadata.maintainer = entry.maintainer;
  if (entry.installedSize !== undefined) metadata.installedSize = entry.installedSize;
  if (entry.status && entry.status !== 'install ok installed') metadata.status = entry.status;
  return {
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
    sourceVersion: sourceVersion || undefined,
    arch: entry.arch || undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}

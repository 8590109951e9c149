import type { Distro, Package, Warning } from '../../sbom/model.js';
import type { Cataloger, CatalogContext, WantedFile } from '../types.js';
import { layerIntroducer } from '../common/introduced-by.js';
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
  version: 1,
  // One limit serves the status database and the copyright files: large enough for the
  // status file of a desktop-sized image (a few MiB), small next to the memory it costs.
  maxFileBytes: 16 * 1024 * 1024,
  wants: (path) => isStatusFile(path) || COPYRIGHT.test(path) || isFileList(path),
  catalog(ctx) {
    const warnings: Warning[] = [];
    const licenses = licensesByPackage(ctx.files);
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const file of ctx.files.filter((f) => isStatusFile(f.path))) {
      const entries = readStatusFile(file.content, file.path !== STATUS_FILE, (message) => warnings.push({ path: file.path, message }));
      const introducedBy = layerIntroducer(ctx.history(file.path), file.layer, (content) => installedKeys(content, file.path !== STATUS_FILE));
      for (const entry of entries) {
        const key = entryKey(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        packages.push(toPackage(entry, file, ctx.distro, licenses.get(entry.name) ?? [], introducedBy(key).diffId));
      }
    }
    const installed = new Set(packages.map((p) => p.name));
    return { packages, warnings, fileOwners: dpkgFileOwners(ctx.files, installed) };
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

function installedKeys(content: Buffer, isStatusDir: boolean): Set<string> {
  return new Set(readStatusFile(content, isStatusDir, () => {}).map(entryKey));
}

function licensesByPackage(files: WantedFile[]): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  for (const file of files) {
    const match = COPYRIGHT.exec(file.path);
    if (match) byPackage.set(match[1], copyrightLicenses(file.content.toString('utf8')));
  }
  return byPackage;
}

function toPackage(entry: DpkgEntry, file: WantedFile, distro: Distro | undefined, licenses: string[], introducedByLayer: string): Package {
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

import type { Distro, Warning } from '../../sbom/model.js';
import type { DistroDetector, WantedFile } from '../types.js';
import { parseOsRelease } from './parse-os-release.js';
import { debianCodename, parseAlpineRelease, parseDebianVersion } from './fallbacks.js';

/** os-release(5): `/etc/os-release` wins; `/usr/lib/os-release` is the vendor copy it usually links to. */
const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'];
const DEBIAN_VERSION = '/etc/debian_version';
const ALPINE_RELEASE = '/etc/alpine-release';
const WANTED = new Set([...OS_RELEASE_PATHS, DEBIAN_VERSION, ALPINE_RELEASE]);

export const osReleaseDetector: DistroDetector = {
  name: 'os-release',
  version: 1,
  maxFileBytes: 64 * 1024,
  atFixedPaths: true,
  wants: (path) => WANTED.has(path),
  detect(files) {
    const warnings: Warning[] = [];
    const byPath = new Map(files.map((f) => [f.path, f]));
    let distro = fromOsRelease(byPath, warnings);
    const debianVersion = byPath.get(DEBIAN_VERSION);
    const alpineRelease = byPath.get(ALPINE_RELEASE);
    if (!distro && debianVersion) distro = { id: 'debian' };
    if (!distro && alpineRelease) distro = { id: 'alpine' };
    if (!distro) return { warnings };
    if (distro.id === 'debian') fillDebian(distro, debianVersion, warnings);
    if (distro.id === 'alpine') fillAlpine(distro, alpineRelease, warnings);
    return { distro, warnings };
  },
};

function fromOsRelease(byPath: Map<string, WantedFile>, warnings: Warning[]): Distro | undefined {
  for (const path of OS_RELEASE_PATHS) {
    const file = byPath.get(path);
    if (!file) continue;
    const { values, problems } = parseOsRelease(file.content.toString('utf8'));
    for (const message of problems) warnings.push({ path, message });
    const id = values.get('ID')?.toLowerCase();
    if (!id) {
      warnings.push({ path, message: 'no ID field; the distribution is not named' });
      continue;
    }
    const distro: Distro = { id };
    const versionId = values.get('VERSION_ID');
    const codename = values.get('VERSION_CODENAME') || values.get('UBUNTU_CODENAME');
    const prettyName = values.get('PRETTY_NAME') || values.get('NAME');
    const idLike = values.get('ID_LIKE')?.split(/\s+/).filter(Boolean);
    if (versionId) distro.versionId = versionId;
    if (codename) distro.codename = codename;
    if (prettyName) distro.prettyName = prettyName;
    if (idLike?.length) distro.idLike = idLike;
    return distro;
  }
  return undefined;
}

/** Debian testing/unstable have no VERSION_ID; old releases have no VERSION_CODENAME. */
function fillDebian(distro: Distro, file: WantedFile | undefined, warnings: Warning[]): void {
  if (!distro.versionId && file) {
    const parsed = parseDebianVersion(file.content.toString('utf8'));
    if (!parsed) warnings.push({ path: file.path, message: 'not a Debian release number or <codename>/sid' });
    if (parsed?.versionId) distro.versionId = parsed.versionId;
    if (parsed?.codename && !distro.codename) distro.codename = parsed.codename;
  }
  if (!distro.codename) {
    const codename = debianCodename(distro.versionId);
    if (codename) distro.codename = codename;
  }
  if (!distro.prettyName) {
    const release = [distro.versionId, distro.codename && `(${distro.codename})`].filter(Boolean).join(' ');
    distro.prettyName = release ? `Debian GNU/Linux ${release}` : 'Debian GNU/Linux';
  }
}

function fillAlpine(distro: Distro, file: WantedFile | undefined, warnings: Warning[]): void {
  if (!distro.versionId && file) {
    const release = parseAlpineRelease(file.content.toString('utf8'));
    if (release) distro.versionId = release;
    else warnings.push({ path: file.path, message: 'not an Alpine release number' });
  }
  if (!distro.prettyName) {
    const branch = distro.versionId?.split('.').slice(0, 2).join('.');
    distro.prettyName = branch ? `Alpine Linux v${branch}` : 'Alpine Linux';
  }
}

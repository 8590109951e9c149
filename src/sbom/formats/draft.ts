/**
 * What a CycloneDX or SPDX reader pulls out of a document, before it becomes an Sbom:
 * the image it describes (as far as the document says), the distribution, the packages.
 */
import { InputError } from '../../errors.js';
import type { Distro, ImageMeta, Package, PackageLocation, Sbom, Warning } from '../model.js';
import { AIRLOCK_VERSION } from '../../version.js';
import { readPurl } from './purl.js';

export interface SbomDraft {
  /** `CycloneDX 1.6`, `SPDX-2.3`. */
  format: string;
  /** The producing tool as the document names it (`syft`, `trivy`, `airlock`, `buildkit`). */
  tool?: string;
  names: string[];
  manifestDigest?: string;
  configDigest?: string;
  platform?: ImageMeta['platform'];
  diffIds: string[];
  created?: string;
  /** From an operating-system component/package, when the document has one. */
  distro?: Distro;
  packages: Package[];
  warnings: Warning[];
  /** Packages left out because no purl of a type airlock matches names them. */
  skipped: string[];
  /** The distro qualifiers of the packages' purls. */
  purlDistros: Distro[];
}

export function emptyDraft(format: string): SbomDraft {
  return { format, names: [], diffIds: [], packages: [], warnings: [], skipped: [], purlDistros: [] };
}

/** Facts a document gives beside the purl; each reader fills what its format carries. */
export interface PackageExtras {
  name?: string;
  sourceName?: string;
  sourceVersion?: string;
  locations?: PackageLocation[];
  introducedByLayer?: string;
  foundBy?: string;
  licenses?: string[];
  metadata?: Record<string, string>;
}

/** Adds the package a purl names, or records why it was left out. */
export function addPackage(
  draft: SbomDraft,
  label: string,
  purl: string | undefined,
  extras: PackageExtras,
  componentName?: string,
): void {
  if (!purl) {
    draft.skipped.push(`${label} (no purl)`);
    return;
  }
  const read = readPurl(purl, componentName);
  if (!read.ok) {
    draft.skipped.push(`${label} (${read.reason})`);
    return;
  }
  const f = read.facts;
  const pkg: Package = {
    type: f.type,
    name: extras.name ?? f.name,
    version: f.version,
    purl,
    licenses: extras.licenses ?? [],
    locations: extras.locations ?? [],
    foundBy: extras.foundBy ?? draft.tool ?? 'sbom',
  };
  const sourceName = extras.sourceName ?? f.sourceName;
  const sourceVersion = extras.sourceVersion ?? f.sourceVersion;
  if (sourceName) pkg.sourceName = sourceName;
  if (sourceVersion && sourceVersion !== pkg.version) pkg.sourceVersion = sourceVersion;
  if (f.arch) pkg.arch = f.arch;
  if (extras.introducedByLayer) pkg.introducedByLayer = extras.introducedByLayer;
  if (extras.metadata && Object.keys(extras.metadata).length > 0) pkg.metadata = extras.metadata;
  draft.packages.push(pkg);
  if (f.distro) draft.purlDistros.push(f.distro);
}

/**
 * The distribution: the document's OS component, completed from the OS packages' purl
 * qualifiers (`distro=debian-12`), which is all some tools write.
 */
function distroOf(draft: SbomDraft): Distro | undefined {
  const counts = new Map<string, { distro: Distro; n: number }>();
  for (const d of draft.purlDistros) {
    const key = `${d.id}\u0000${d.versionId ?? ''}\u0000${d.codename ?? ''}`;
    const entry = counts.get(key) ?? { distro: d, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  const common = [...counts.values()].sort((a, b) => b.n - a.n)[0]?.distro;
  if (!draft.distro) return common;
  if (!common || common.id !== draft.distro.id) return draft.distro;
  const merged: Distro = { ...draft.distro };
  if (!merged.versionId && common.versionId) merged.versionId = common.versionId;
  if (!merged.codename && common.codename) merged.codename = common.codename;
  return merged;
}

export function draftToSbom(draft: SbomDraft, file: string, source: string, now: Date, allowEmpty = false): Sbom {
  if (!allowEmpty && draft.packages.length === 0 && draft.skipped.length === 0 && !draft.distro) {
    throw new InputError(file, `${draft.format} document lists no packages`);
  }
  const warnings = [...draft.warnings];
  if (draft.skipped.length > 0) {
    const shown = draft.skipped.slice(0, 3).join('; ');
    warnings.push({
      path: file,
      message: `${draft.skipped.length} ${draft.skipped.length === 1 ? 'package' : 'packages'} left out, no purl of a type airlock matches: ${shown}${draft.skipped.length > 3 ? '; …' : ''}`,
    });
  }
  const distro = distroOf(draft);
  const image: ImageMeta = {
    source,
    format: 'sbom',
    names: [...new Set(draft.names)],
    layers: draft.diffIds.map((diffId, index) => ({ index, diffId, size: 0 })),
    labels: {},
    annotations: {},
    history: [],
  };
  if (draft.manifestDigest) image.manifestDigest = draft.manifestDigest;
  if (draft.configDigest) image.configDigest = draft.configDigest;
  if (draft.platform) image.platform = draft.platform;
  if (draft.created) image.created = draft.created;
  return {
    schemaVersion: 1,
    image,
    ...(distro ? { distro } : {}),
    packages: [...draft.packages].sort(
      (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
    ),
    warnings,
    catalogers: {},
    generatedAt:
      draft.created && !Number.isNaN(Date.parse(draft.created))
        ? new Date(draft.created).toISOString()
        : now.toISOString(),
    tool: { name: 'airlock', version: AIRLOCK_VERSION },
  };
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
export const isDigest = (value: unknown): value is string => typeof value === 'string' && DIGEST.test(value);

/** `docker.io/library/app:1.0`, `app:1.0`: a name worth storing, not a file name. */
export const looksLikeReference = (name: string): boolean =>
  /^[a-z0-9][\w.\-/:@]*$/i.test(name) &&
  (name.includes(':') || name.includes('/')) &&
  !/\.(tar|json)(\.\w+)?$/.test(name);

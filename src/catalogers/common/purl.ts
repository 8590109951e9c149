import { PackageURL } from 'packageurl-js';
import type { Distro } from '../../sbom/model.js';

/** The purl `distro` qualifier as syft writes it: `debian-12`, `alpine-3.20.3`. */
export function distroQualifier(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined;
  const release = distro.versionId ?? distro.codename;
  return release ? `${distro.id}-${release}` : undefined;
}

export interface OsPurlParts {
  type: 'deb' | 'apk' | 'rpm';
  namespace: string;
  name: string;
  version: string;
  arch?: string;
  distro?: Distro;
  sourceName?: string;
  sourceVersion?: string;
}

/**
 * A purl for an OS package with syft's qualifiers. `upstream` names the source package
 * (with `@version` when that differs) only when it tells something the name does not.
 */
export function osPackagePurl(parts: OsPurlParts): string {
  const qualifiers: Record<string, string> = {};
  if (parts.arch) qualifiers.arch = parts.arch;
  const distro = distroQualifier(parts.distro);
  if (distro) qualifiers.distro = distro;
  if (parts.sourceName && (parts.sourceName !== parts.name || parts.sourceVersion)) {
    qualifiers.upstream = parts.sourceVersion ? `${parts.sourceName}@${parts.sourceVersion}` : parts.sourceName;
  }
  return new PackageURL(parts.type, parts.namespace, parts.name, parts.version, qualifiers).toString();
}

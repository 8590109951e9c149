/**
 * What a purl says about a package, as every SBOM tool writes it: the type decides the
 * ecosystem, the namespace joins the name the way its advisories spell it, and the
 * qualifiers carry the OS facts (arch, distro, source package, epoch).
 */
import { PackageURL } from 'packageurl-js';
import { ecosystemOf, PACKAGE_TYPE_BY_PURL } from '../../ecosystems/table.js';
import type { Distro, PackageType } from '../model.js';

export interface PurlFacts {
  type: PackageType;
  /** The name as airlock's catalogers write it (`@scope/pkg`, `group:artifact`, `golang.org/x/net`). */
  name: string;
  version: string;
  arch?: string;
  sourceName?: string;
  sourceVersion?: string;
  distro?: Distro;
}

export type PurlResult = { ok: true; facts: PurlFacts } | { ok: false; reason: string };

export function readPurl(text: string, componentName?: string): PurlResult {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch (err) {
    return { ok: false, reason: `unreadable purl ${JSON.stringify(text)} (${(err as Error).message})` };
  }
  const type = PACKAGE_TYPE_BY_PURL.get(purl.type);
  if (!type) return { ok: false, reason: `purl type ${purl.type} is not one airlock matches` };
  if (!purl.version) return { ok: false, reason: `purl ${text} has no version` };
  const q = purl.qualifiers ?? {};
  const facts: PurlFacts = { type, name: nameOf(type, purl, componentName), version: withEpoch(purl.version, q.epoch) };
  if (q.arch) facts.arch = q.arch;
  Object.assign(facts, upstreamOf(type, q.upstream));
  const distro = distroOf(q);
  if (distro) facts.distro = distro;
  return { ok: true, facts };
}

function nameOf(type: PackageType, purl: PackageURL, componentName: string | undefined): string {
  const ns = purl.namespace;
  if (!ns) return purl.name;
  switch (ecosystemOf(type).purlName) {
    case 'slash':
      return `${ns}/${purl.name}`;
    case 'maven':
      // A jar known only by its artifact id repeats it as the group (airlock and Syft do).
      return ns === purl.name && componentName === purl.name ? purl.name : `${ns}:${purl.name}`;
    default:
      return purl.name;
  }
}

/** Trivy writes the epoch as a qualifier; Syft and airlock put it in the version. */
function withEpoch(version: string, epoch: string | undefined): string {
  if (!epoch || epoch === '0' || version.includes(':')) return version;
  return `${epoch}:${version}`;
}

/**
 * `upstream=glibc`, `upstream=bash@5.2.15-2` (deb, apk) or, for rpm, the source rpm file
 * name `openssl-3.0.7-27.el9.src.rpm`.
 */
function upstreamOf(type: PackageType, upstream: string | undefined): Pick<PurlFacts, 'sourceName' | 'sourceVersion'> {
  if (!upstream) return {};
  if (type === 'rpm') {
    const m = /^(.+)-([^-]+)-([^-]+)\.src\.rpm$/.exec(upstream);
    return m ? { sourceName: m[1] } : { sourceName: upstream };
  }
  const at = upstream.indexOf('@');
  return at > 0
    ? { sourceName: upstream.slice(0, at), sourceVersion: upstream.slice(at + 1) }
    : { sourceName: upstream };
}

/**
 * `distro=debian-12` (Syft, airlock), `distro=debian-12.5` (Trivy), or Docker Scout's
 * `os_name=debian&os_version=12&os_distro=bookworm`.
 */
export function distroOf(q: Record<string, string>): Distro | undefined {
  if (q.os_name) {
    const distro: Distro = { id: q.os_name.toLowerCase() };
    if (q.os_version) distro.versionId = q.os_version;
    if (q.os_distro) distro.codename = q.os_distro.toLowerCase();
    return distro;
  }
  if (!q.distro) return undefined;
  const m = /^([a-z][a-z0-9._-]*?)-(\d[\w.]*)$/i.exec(q.distro);
  if (m) return { id: m[1].toLowerCase(), versionId: m[2] };
  // A release without VERSION_ID is written by codename (`debian-trixie`); a bare word names no id.
  const dash = q.distro.indexOf('-');
  return dash > 0
    ? { id: q.distro.slice(0, dash).toLowerCase(), codename: q.distro.slice(dash + 1).toLowerCase() }
    : undefined;
}

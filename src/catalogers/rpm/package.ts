import type { Distro } from '../../sbom/model.js';
import { osPackagePurl } from '../common/purl.js';
import type { RpmHeader } from './header.js';
import type { FoundPackage } from '../harness/spec.js';

/** `[epoch:]version-release`, the form rpm compares and advisories state; epoch 0 is rpm's default and left out. */
export function rpmEvr(h: Pick<RpmHeader, 'epoch' | 'version' | 'release'>): string {
  return `${h.epoch ? `${h.epoch}:` : ''}${h.version}-${h.release}`;
}

export const rpmKey = (h: RpmHeader): string => `${h.name}\0${rpmEvr(h)}\0${h.arch ?? ''}`;

/** `openssl-3.0.7-27.el9.src.rpm` → name `openssl`, version `3.0.7`, release `27.el9` (name may contain dashes). */
export function parseSourceRpm(file: string): { name: string; version: string; release: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  return m ? { name: m[1], version: m[2], release: m[3] } : undefined;
}

/** The package a header describes, for the harness to place (harness/file-cataloger.ts). */
export function rpmPackage(h: RpmHeader, distro: Distro | undefined): FoundPackage {
  const version = rpmEvr(h);
  const source = h.sourceRpm ? parseSourceRpm(h.sourceRpm) : undefined;
  const sourceVersion = source
    ? rpmEvr({ epoch: h.epoch, version: source.version, release: source.release })
    : undefined;
  const metadata: Record<string, string> = {};
  if (h.sourceRpm) metadata.sourceRpm = h.sourceRpm;
  if (h.vendor) metadata.vendor = h.vendor;
  if (h.modularityLabel) metadata.modularityLabel = h.modularityLabel;
  return {
    type: 'rpm',
    name: h.name,
    version,
    sourceName: source?.name,
    purl: osPackagePurl({
      type: 'rpm',
      namespace: distro?.id ?? '',
      name: h.name,
      version,
      arch: h.arch,
      distro,
      sourceName: source?.name,
      sourceVersion: sourceVersion !== version ? sourceVersion : undefined,
    }),
    licenses: h.license ? [h.license] : [],
    sourceVersion: sourceVersion && sourceVersion !== version ? sourceVersion : undefined,
    arch: h.arch || undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}

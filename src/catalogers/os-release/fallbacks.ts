import type { Distro } from '../../sbom/model.js';
import { debianCodenameForVersion } from '../../distro/debian.js';

/** os-release of Debian 8 and older lacks VERSION_CODENAME: derive it from the number. */
export function debianCodename(versionId: string | undefined): string | undefined {
  return versionId === undefined ? undefined : debianCodenameForVersion(versionId.split('.')[0]);
}

/**
 * Reads `/etc/debian_version`: a point release (`12.4`, `11.9`) on stable releases,
 * `<codename>/sid` on testing and unstable. Older releases wrote `8.11`, `7.0`, ...
 */
export function parseDebianVersion(text: string): Pick<Distro, 'versionId' | 'codename'> | undefined {
  const value = firstLine(text);
  const release = /^(\d+)(?:\.\d+)*$/.exec(value);
  if (release) return { versionId: release[1], codename: debianCodename(release[1]) };
  const testing = /^([a-z]+)\/sid$/.exec(value);
  if (testing) return { codename: testing[1] };
  return undefined;
}

/** Reads `/etc/alpine-release`: `3.20.3`, or `3.21.0_alpha20240807` on edge. */
export function parseAlpineRelease(text: string): string | undefined {
  const value = firstLine(text);
  return /^\d+\.\d+(?:\.\d+)?(?:_[a-z]+\d*)?$/.test(value) ? value : undefined;
}

function firstLine(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')[0]
    .replace(/\r$/, '')
    .trim();
}

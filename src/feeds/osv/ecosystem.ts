/**
 * OSV `affected[].package.ecosystem` to our namespace, and package names as that namespace
 * spells them. Language ecosystems keep their OSV names (`npm`, `PyPI`, `Go`, `Maven`,
 * `crates.io`); distro ecosystems become `<distro>:<release>` like the distro feeds use.
 */
import type { Namespace } from '../../advisories/model.js';
import { debianCodenameForVersion } from '../../distro/debian.js';

const ROLLING = new Map([
  ['Wolfi', 'wolfi'],
  ['Chainguard', 'chainguard'],
  ['MinimOS', 'minimos'],
]);
const REBUILDS = new Map([
  ['AlmaLinux', 'almalinux'],
  ['Rocky Linux', 'rocky'],
]);

export interface OsvNamespace {
  namespace: Namespace;
  /** Set for streams that need a subscription (Ubuntu Pro / ESM). */
  note?: string;
}

export function namespaceOf(ecosystem: string): OsvNamespace {
  const [base, ...rest] = ecosystem.split(':');
  if (base === 'Ubuntu') return ubuntuNamespace(rest);
  if (base === 'Debian' && rest.length > 0) {
    const release = rest[0];
    return { namespace: `debian:${debianCodenameForVersion(release) ?? release}` };
  }
  if (base === 'Alpine' && rest.length > 0) return { namespace: `alpine:${rest[0].replace(/^v/, '')}` };
  // Rolling apk distributions have one release; RHEL rebuilds name the major (`AlmaLinux:8`, `Rocky Linux:9`).
  if (ROLLING.has(base)) return { namespace: `${ROLLING.get(base)}:rolling` };
  if (REBUILDS.has(base) && rest.length > 0) return { namespace: `${REBUILDS.get(base)}:${rest[0].split('.')[0]}` };
  return { namespace: ecosystem };
}

/**
 * `Ubuntu:22.04:LTS` → `ubuntu:22.04`; `Ubuntu:Pro:16.04:LTS` → `ubuntu:16.04` noted as
 * Pro/ESM (same release, packages from the ESM archive). Other variants (FIPS, realtime
 * kernels) ship different builds, so they get a namespace of their own.
 */
function ubuntuNamespace(parts: string[]): OsvNamespace {
  const release = parts.find((part) => /^\d+\.\d+$/.test(part));
  if (!release) return { namespace: `ubuntu:${parts.join(':').toLowerCase()}` };
  const variants = parts.filter((part) => part !== release && part !== 'LTS' && part !== 'Pro');
  const suffix = variants.length > 0 ? `-${variants.join('-').toLowerCase()}` : '';
  const namespace = `ubuntu:${release}${suffix}`;
  return parts.includes('Pro') ? { namespace, note: 'Ubuntu Pro (ESM)' } : { namespace };
}

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower-cased. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function packageNameIn(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? normalizePypiName(name) : name;
}

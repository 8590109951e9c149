/**
 * rpm distributions with advisory data of their own, each in its own namespace:
 *
 * | os-release ID | namespace | data |
 * | --- | --- | --- |
 * | amzn | `amazon:2`, `amazon:2022`, `amazon:2023`, `amazon:1` (2018.03 …) | ALAS |
 * | ol | `oracle:9` (major release) | ELSA OVAL |
 * | sles, sles_sap, sled | `sles:15.5` (service pack) | SUSE OVAL |
 * | opensuse-leap | `opensuse-leap:15.6` | SUSE OVAL |
 * | mariner, azurelinux | `mariner:2.0`, `azurelinux:3.0` | their OVAL |
 * | photon | `photon:4.0` | Photon CVE data |
 *
 * Amazon's pages list source rpms only, and without epochs, so an installed rpm is looked
 * up by its source name and compared without its epoch (java-1.8.0-openjdk is `1:` in
 * the rpmdb and unprefixed on the page). The OVAL and Photon data name binary rpms, and
 * usually the source's namesake binary too: the source name is looked up and the
 * binary's own rows overrule it, as for Red Hat. Oracle rows limited to an arch or to
 * Ksplice builds only meet rpms of that arch, and Ksplice rows only Ksplice rpms.
 */
import { isKspliceVersion, rpmRowScope } from '../../feeds/oval/row-note.js';
import type { Distro, Package } from '../../sbom/model.js';
import type { Matcher, PackageQuery } from '../matcher.js';

const SLES = new Set(['sles', 'sles_sap', 'sled']);

/** The advisory namespace of an rpm distro other than Red Hat's family; undefined when there is none. */
export function rpmDistroNamespace(distro: Distro | undefined): string | undefined {
  const id = distro?.id;
  const version = distro?.versionId?.trim() ?? '';
  if (!id || !version) return undefined;
  if (id === 'amzn')
    return /^(2|2022|2023)$/.test(version)
      ? `amazon:${version}`
      : /^20\d\d\.\d\d$/.test(version)
        ? 'amazon:1'
        : undefined;
  if (id === 'ol') return /^\d+/.test(version) ? `oracle:${/^\d+/.exec(version)![0]}` : undefined;
  if (SLES.has(id)) return /^\d+(\.\d+)?$/.test(version) ? `sles:${version}` : undefined;
  if (id === 'opensuse-leap') return /^\d+\.\d+$/.test(version) ? `opensuse-leap:${version}` : undefined;
  if (id === 'mariner' || id === 'azurelinux' || id === 'photon') {
    const release = /^(\d+)(\.\d+)?/.exec(version);
    return release ? `${id}:${release[1]}${release[2] ?? '.0'}` : undefined;
  }
  return undefined;
}

const withoutEpoch = (version: string) => version.replace(/^\d+:/, '');

function query(pkg: Package, namespace: string): PackageQuery {
  const version = pkg.sourceVersion ?? pkg.version;
  if (namespace.startsWith('amazon:'))
    return { namespace, name: pkg.sourceName ?? pkg.name, version: withoutEpoch(version) };
  const base: PackageQuery = { namespace, name: pkg.sourceName ?? pkg.name, ownName: pkg.name, version };
  if (!namespace.startsWith('oracle:')) return base;
  const ksplice = isKspliceVersion(pkg.version);
  return {
    ...base,
    variant: `${ksplice ? 'ksplice' : ''}|${pkg.arch ?? ''}`,
    accepts: (row) => {
      const scope = rpmRowScope(row.note);
      if ((scope.ksplice ?? false) !== ksplice) return false;
      return !scope.arch || !pkg.arch || pkg.arch === 'noarch' || scope.arch.split('|').includes(pkg.arch);
    },
  };
}

export const rpmDistroMatcher: Matcher = {
  name: 'rpm-distros',
  query(pkg, distro) {
    if (pkg.type !== 'rpm') return undefined;
    const namespace = rpmDistroNamespace(distro);
    return namespace ? query(pkg, namespace) : undefined;
  },
};

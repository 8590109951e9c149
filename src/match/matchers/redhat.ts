/**
 * Red Hat Enterprise Linux and its rebuilds (CentOS, Rocky Linux, AlmaLinux ship the same
 * source packages at the same versions): Red Hat's CSAF data per major release
 * (`redhat:9`), looked up by source rpm name — fixes name the source rpm and every binary,
 * unfixed CVEs name only the component, which is the source — and compared with rpm's
 * order on the installed EVR. Where Red Hat judged the binary itself (bind-chroot: not
 * affected), its own row decides that CVE.
 *
 * A release holds rows for more than the mainline stream, and only some apply:
 * - Extended-update streams (EUS, AUS, E4S, TUS) patch a frozen minor release; a
 *   container's rpms follow the mainline, so those rows are left out. ELS rows are kept:
 *   for a major past its end of maintenance they are the only fixes there are.
 * - Module streams (`nodejs:20`) are built apart from the non-modular package of the same
 *   name: a row for a module applies to rpms built for that module (the `modularitylabel`
 *   in the rpm header), a row without one only to non-modular rpms.
 */
import { moduleStream } from '../../feeds/redhat-csaf/row-note.js';
import type { Distro } from '../../sbom/model.js';
import type { Matcher } from '../matcher.js';

const RHEL_FAMILY = new Set(['rhel', 'centos', 'rocky', 'almalinux']);

/** `redhat:9` for VERSION_ID 9.5 (or 9); undefined for distros that do not ship RHEL's sources. */
export function redhatNamespace(distro: Distro | undefined): string | undefined {
  if (!distro || !RHEL_FAMILY.has(distro.id)) return undefined;
  const major = /^\d+/.exec(distro.versionId ?? '')?.[0];
  return major ? `redhat:${major}` : undefined;
}

export const redhatMatcher: Matcher = {
  name: 'redhat',
  query(pkg, distro) {
    if (pkg.type !== 'rpm') return undefined;
    const namespace = redhatNamespace(distro);
    if (!namespace) return undefined;
    const label = pkg.metadata?.modularityLabel;
    const module = moduleStream(typeof label === 'string' ? label : undefined);
    return {
      namespace,
      name: pkg.sourceName ?? pkg.name,
      ownName: pkg.name,
      version: pkg.sourceVersion ?? pkg.version,
      variant: module,
      accepts: (row) => {
        if (row.stream && row.stream !== 'ELS') return false;
        return moduleStream(row.module) === module;
      },
    };
  },
};

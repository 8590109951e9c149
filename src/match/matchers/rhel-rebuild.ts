/**
 * AlmaLinux and Rocky Linux: their own OSV advisories first, Red Hat's CSAF data after.
 *
 * A rebuild republishes Red Hat's errata as its own (ALSA-2023:4520 for RHSA-2023:4520)
 * with the EVR it actually shipped, sometimes later or with its own release suffix, so for
 * a CVE the rebuild names its own row decides (`almalinux:8`, `rocky:9`, by binary rpm name
 * and the installed EVR, as those advisories list binaries). For every other CVE —
 * unfixed, will-not-fix and not-affected verdicts the rebuilds do not publish — Red Hat's
 * rows for the same major decide, looked up as for RHEL (redhat.ts: source rpm, EUS rows
 * left out, module streams kept apart). The finding's `namespace` and `source`
 * (`almalinux-osv` or `redhat-csaf`) say which one decided.
 *
 * Module builds: a rebuild's row for a module stream (`module ruby:3.3`) applies only to
 * rpms of that stream, `module *` to modular rpms of any stream, a row without one only to
 * non-modular rpms.
 */
import { moduleStream } from '../../feeds/redhat-csaf/row-note.js';
import { scopeFromNote } from '../../db/scope-from-note.js';
import { ANY_MODULE } from '../../feeds/distro-osv/rebuild-advisory.js';
import type { Matcher } from '../matcher.js';
import { redhatMatcher } from './redhat.js';

const REBUILDS = new Set(['almalinux', 'rocky']);

export const rhelRebuildMatcher: Matcher = {
  name: 'rhel-rebuild',
  query(pkg, distro) {
    if (pkg.type !== 'rpm' || !distro || !REBUILDS.has(distro.id)) return undefined;
    const major = /^\d+/.exec(distro.versionId ?? '')?.[0];
    if (!major) return undefined;
    const label = pkg.metadata?.modularityLabel;
    const module = moduleStream(typeof label === 'string' ? label : undefined);
    const fallback = redhatMatcher.query(pkg, distro);
    return {
      namespace: `${distro.id}:${major}`,
      name: pkg.name,
      version: pkg.version,
      variant: module,
      accepts: (row) => {
        // The rebuilds' OSV importer writes the module stream into the row's note.
        const rowModule = row.module ?? scopeFromNote(row.note).module;
        if (rowModule === ANY_MODULE) return module !== undefined;
        return moduleStream(rowModule) === module;
      },
      ...(fallback ? { fallback } : {}),
    };
  },
};

import type { FeedSource } from './source-kinds.js';

/**
 * Where the distributions of issue 14 (part A) publish, for `airlock feeds fetch`:
 * - the rolling apk secdb of Wolfi, Chainguard and MinimOS, one `security.json` each at
 *   the repository it describes (its `urlprefix` names that host, which is how the
 *   importer tells them apart);
 * - Chainguard's CGA records (ecosystems `Chainguard` and `Wolfi`) and the AlmaLinux and
 *   Rocky Linux errata as OSV, from osv.dev's per-ecosystem exports, like the other OSV data.
 * Red Hat's CSAF VEX archive is fetched by `redhat-csaf-vex` (sources.ts).
 */
const osvExport = (ecosystem: string, dir: string) => ({
  url: `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(ecosystem)}/all.zip`,
  path: `${dir}/${ecosystem.replace(/ /g, '-')}/all.zip`,
});

export const DISTRO_SOURCES: FeedSource[] = [
  {
    name: 'wolfi-secdb',
    kind: 'files',
    files: [{ url: 'https://packages.wolfi.dev/os/security.json', path: 'wolfi-secdb/security.json' }],
  },
  {
    name: 'chainguard-secdb',
    kind: 'files',
    files: [{ url: 'https://packages.cgr.dev/chainguard/security.json', path: 'chainguard-secdb/security.json' }],
  },
  {
    name: 'minimos-secdb',
    kind: 'files',
    files: [{ url: 'https://packages.mini.dev/advisories/secdb/security.json', path: 'minimos-secdb/security.json' }],
  },
  {
    name: 'chainguard-osv',
    kind: 'files',
    files: [osvExport('Chainguard', 'chainguard-osv'), osvExport('Wolfi', 'chainguard-osv')],
  },
  { name: 'almalinux-osv', kind: 'files', files: [osvExport('AlmaLinux', 'almalinux-osv')] },
  { name: 'rocky-osv', kind: 'files', files: [osvExport('Rocky Linux', 'rocky-osv')] },
];

import type { BundleManifest } from '../../bundle/format.js';
import type { DatabaseStatus } from '../../bundle/status.js';
import type { TrustedKey } from '../../bundle/trust.js';

/** Plain-text views for the bundle and db commands; they return lines, the commands print. */
export function manifestLines(manifest: BundleManifest, signer: TrustedKey): string[] {
  const via = signer.rotatedFrom ? ` (trusted through rotation from ${signer.rotatedFrom})` : '';
  const { payload } = manifest;
  return [
    `signer:      ${signer.keyId}${signer.record.comment ? ` "${signer.record.comment}"` : ''}${via}`,
    `sequence:    ${manifest.sequence}`,
    `created:     ${manifest.created}`,
    `expires:     ${manifest.expires}`,
    `schema:      ${manifest.schemaVersion} (bundle format ${manifest.formatVersion}, needs airlock >= ${manifest.minAirlockVersion})`,
    `payload:     ${payload.length} bytes ${payload.compression}, ${payload.uncompressedLength} bytes unpacked, sha256 ${payload.sha256}`,
    ...sourceLines(manifest.sources),
  ];
}

function sourceLines(
  sources: { name: string; records: number; warnings: number; dataDate?: string; dataAgeDays?: number }[],
): string[] {
  if (sources.length === 0) return ['sources:     none'];
  const width = Math.max(...sources.map((s) => s.name.length));
  return [
    'sources:',
    ...sources.map((s) => {
      const date = s.dataDate
        ? `  data ${s.dataDate}${s.dataAgeDays !== undefined ? ` (${s.dataAgeDays} days old)` : ''}`
        : '';
      const warn = s.warnings ? `, ${s.warnings} warnings` : '';
      return `  ${s.name.padEnd(width)}  ${String(s.records).padStart(9)} records${warn}${date}`;
    }),
  ];
}

/** Coverage per namespace: what a scan of each distro release or ecosystem can rest on. */
function namespaceLines(namespaces: { namespace: string; records: number; packages: number }[]): string[] {
  if (namespaces.length === 0) return ['coverage:    no advisory records (every scan would be unassessed)'];
  const width = Math.max(...namespaces.map((n) => n.namespace.length));
  return [
    'coverage:',
    ...namespaces.map(
      (n) =>
        `  ${n.namespace.padEnd(width)}  ${String(n.records).padStart(9)} records  ${String(n.packages).padStart(6)} packages`,
    ),
  ];
}

export function statusLines(status: DatabaseStatus): string[] {
  if (!status.installed)
    return [`no advisory database installed (${status.path})`, 'import one with `airlock db import BUNDLE`'];
  return [
    `database:    ${status.path} (${status.sizeBytes} bytes)`,
    `sequence:    ${status.sequence}`,
    `signer:      ${status.signer}`,
    `schema:      ${status.schemaVersion}`,
    `created:     ${status.created} (${status.ageDays} days ago)`,
    `expires:     ${status.expires}${status.expired ? ' — EXPIRED' : ''}`,
    ...(status.installedAt
      ? [`installed:   ${status.installedAt}${status.bundleFile ? ` from ${status.bundleFile}` : ''}`]
      : []),
    ...sourceLines(status.sources),
    ...namespaceLines(status.namespaces),
    `end of life: ${status.endOfLife.length === 0 ? 'no release end-of-life data (feeds fetch gets endoflife.date)' : status.endOfLife.map((p) => `${p.product} (${p.releases} releases)`).join(', ')}`,
    status.previous
      ? `previous:    sequence ${status.previous.sequence} from ${status.previous.created} (\`airlock db rollback\` restores it)`
      : 'previous:    none',
  ];
}
